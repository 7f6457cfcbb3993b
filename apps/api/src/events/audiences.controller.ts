import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AudienceService, PreviewAudience } from '@app/events';
import { Principal } from '@app/identity';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser } from '../http/auth.guard';
import {
  AudienceDto,
  AudienceOutcomeResponse,
  AudiencePreviewDto,
  AudiencePreviewResponse,
} from './audience.dto';

const uuid = new ParseUUIDPipe();

/** Audiences: who an event's invitation goes to, added to an event and previewed before confirming. */
@ApiTags('events')
@ApiErrorResponses(400, 401, 403, 404, 409, 422, 429)
@Controller('api')
export class AudiencesController {
  constructor(
    @Inject(AudienceService) private readonly audiences: AudienceService,
    @Inject(PreviewAudience) private readonly previews: PreviewAudience,
  ) {}

  @Post('events/:id/invitations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add people to an event',
    description:
      'Invites an audience (organizers). Idempotent: only people not yet invited are added and mailed; the counts say what happened.',
  })
  @ApiOkResponse({ type: AudienceOutcomeResponse })
  async add(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AudienceDto,
  ): Promise<AudienceOutcomeResponse> {
    return this.audiences.addToEvent(id, p.userId, dto);
  }

  @Post('events/:id/invitations/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview adding people to an event',
    description: 'Counts only: nothing is invited and no account created; invalid entries are listed.',
  })
  @ApiOkResponse({ type: AudiencePreviewResponse })
  async previewForEvent(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AudienceDto,
  ): Promise<AudiencePreviewResponse> {
    return this.previews.forEvent(id, p.userId, dto);
  }

  @Post('groups/:slug/audience-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview the audience of a new event or series',
    description: 'Counts only, for a group (organizers); `topicId` names the topic a series grows from.',
  })
  @ApiOkResponse({ type: AudiencePreviewResponse })
  async previewForGroup(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Body() dto: AudiencePreviewDto,
  ): Promise<AudiencePreviewResponse> {
    const { topicId, ...audience } = dto;
    return this.previews.forGroup(slug, p.userId, audience, topicId ?? null);
  }
}
