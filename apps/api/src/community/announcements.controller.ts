import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnnouncementsService } from '@app/community';
import { Principal } from '@app/identity';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser } from '../http/auth.guard';
import { AnnouncementPreferenceDto, AnnouncementPreferenceResponse } from './announcements.dto';

/** My announcement setting for one group I am an active member of (issue 12 part 2). */
@ApiTags('groups')
@ApiErrorResponses(400, 401, 403, 404)
@Controller('api/groups/:slug/membership/announcements')
export class AnnouncementsController {
  constructor(@Inject(AnnouncementsService) private readonly announcements: AnnouncementsService) {}

  @Get()
  @ApiOkResponse({ type: AnnouncementPreferenceResponse })
  async get(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
  ): Promise<AnnouncementPreferenceResponse> {
    return { mode: await this.announcements.getMode(slug, principal.userId) };
  }

  @Put()
  @ApiOkResponse({ type: AnnouncementPreferenceResponse })
  async put(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Body() dto: AnnouncementPreferenceDto,
  ): Promise<AnnouncementPreferenceResponse> {
    return { mode: await this.announcements.setMode(slug, principal.userId, dto.mode) };
  }
}
