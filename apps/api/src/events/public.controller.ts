import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { GroupsService } from '@app/community';
import { notFound } from '@app/core';
import { PublicEventsService } from '@app/events';
import { Public } from '../http/auth.guard';
import { PublicEventsQuery } from './events.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import { PublicEventPageResponse, PublicGroupResponse } from './event.response';
import { PUBLIC_EVENT_PAGE_SCHEMA } from './event.response-schema';

/** Discovery without an account: public groups and their scheduled events only. */
@ApiTags('public')
@ApiErrorResponses(400, 404)
@Public()
@Controller('api/public')
export class PublicController {
  constructor(
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(GroupsService) private readonly groups: GroupsService,
  ) {}

  @Get('events')
  @ApiOkResponse({ type: PublicEventPageResponse })
  @RouteSchema({ response: { 200: PUBLIC_EVENT_PAGE_SCHEMA } })
  events(@Query() q: PublicEventsQuery): Promise<PublicEventPageResponse> {
    return this.publicEvents.list({ ...q, limit: q.limit ?? 20 });
  }

  @Get('groups/:slug')
  @ApiOkResponse({ type: PublicGroupResponse })
  async group(@Param('slug') slug: string, @Query() q: PublicEventsQuery): Promise<PublicGroupResponse> {
    const { group } = await this.groups.get(slug, null);
    if (group.visibility !== 'public') throw notFound('Group');
    const upcoming = await this.publicEvents.list({ ...q, group: group.slug, limit: q.limit ?? 20 });
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
