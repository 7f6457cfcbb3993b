import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { GroupsService } from '@app/community';
import { notFound } from '@app/core';
import { PublicEventsService } from '@app/events';
import { Public } from '../http/auth.guard';
import { PublicEventsQuery } from './events.dto';

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
  events(@Query() q: PublicEventsQuery) {
    return this.publicEvents.list({ ...q, limit: q.limit ?? 20 });
  }

  @Get('groups/:slug')
  async group(@Param('slug') slug: string, @Query() q: PublicEventsQuery) {
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
