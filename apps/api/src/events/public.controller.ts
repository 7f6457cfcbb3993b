import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { GroupsService } from '@app/community';
import { notFound } from '@app/core';
import { ListingQuery, PublicEventsService } from '@app/events';
import { Public } from '../http/auth.guard';
import { PublicEventsQuery } from './public-events.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { PublicEventPageResponse, PublicGroupResponse } from './event.response';

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
  ) {}

  @Get('events')
  @ApiOkResponse({ type: PublicEventPageResponse })
  async events(@Query() q: PublicEventsQuery): Promise<PublicEventPageResponse> {
    return this.publicEvents.list(await this.publicEvents.resolve(listingQuery(q)));
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
