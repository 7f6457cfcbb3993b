import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { GroupsService } from '@app/community';
import { notFound } from '@app/core';
import { ListingQuery, PublicEventsService, ViewVersions, goingCounts } from '@app/events';
import { Public } from '../http/auth.guard';
import { CacheRecipe, ResponseCache, normalizedUrl } from '../http/response-cache';
import { PublicEventsQuery } from './public-events.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import { PublicEventPageResponse, PublicGroupResponse } from './event.response';
import { PUBLIC_EVENT_PAGE_SCHEMA, serializePublicEventPage } from './event.response-schema';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The query's words as the listing service takes them; days are read in `tz` (default UTC). */
export const listingQuery = ({ tz, limit, ...rest }: PublicEventsQuery): ListingQuery => ({
  ...rest,
  limit: limit ?? 20,
  zone: tz ?? 'UTC',
});

/** Discovery without an account: public groups and their scheduled events only. */
@ApiTags('public')
@ApiErrorResponses(400, 404, 422)
@Public()
@Controller('api/public')
export class PublicController {
  constructor(
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(ViewVersions) private readonly versions: ViewVersions,
    @Inject(ResponseCache) private readonly responses: ResponseCache,
  ) {
    responses.route('/api/public/events', (request) => this.listingRecipe(request));
  }

  /** The listing's place in the response cache: its query (in a stable order) at the version read now. */
  private async listingRecipe(request: FastifyRequest): Promise<CacheRecipe> {
    const version = await this.versions.publicListing();
    return {
      view: 'listing',
      key: `listing:json:${normalizedUrl(request.url)}:${version}`,
      holds: (shown) => this.versions.shownHolds(shown),
    };
  }

  /** The same for everyone: served from the response cache (a hit before this runs: registerCacheHits). */
  @Get('events')
  @ApiOkResponse({ type: PublicEventPageResponse })
  @RouteSchema({ response: { 200: PUBLIC_EVENT_PAGE_SCHEMA } })
  async events(
    @Query() q: PublicEventsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicEventPageResponse | string | Buffer | undefined> {
    const filter = await this.publicEvents.resolve(listingQuery(q));
    const { view, key, holds } = await this.listingRecipe(request);
    let shown: Record<string, number> | null = null;
    return this.responses.serve(
      view,
      key,
      request,
      reply,
      async () => {
        const page = await this.publicEvents.list(filter);
        shown = goingCounts(page.items);
        return serializePublicEventPage(page);
      },
      { contentType: JSON_TYPE, shown: () => shown, holds },
    );
  }

  @Get('groups/:slug')
  @ApiOkResponse({ type: PublicGroupResponse })
  async group(@Param('slug') slug: string, @Query() q: PublicEventsQuery): Promise<PublicGroupResponse> {
    const { group } = await this.groups.get(slug, null);
    if (group.visibility !== 'public') throw notFound('Group');
    const filter = await this.publicEvents.resolve({ ...listingQuery(q), group: group.slug });
    const upcoming = await this.publicEvents.list(filter);
    return {
      slug: group.slug,
      name: group.name,
      description: group.description,
      city: group.city,
      timezone: group.timezone,
      codeOfConduct: group.codeOfConduct,
      events: upcoming,
    };
  }
}
