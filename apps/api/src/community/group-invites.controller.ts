import { Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GroupInvitesService } from '@app/community';
import { Principal } from '@app/identity';
import { PendingGroupInviteResponse } from '../events/invitations.dto';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser } from '../http/auth.guard';

const uuid = new ParseUUIDPipe();

/**
 * A group's pending membership invitations, for those who manage members (issue 12.3): list,
 * resend (a new link and expiry; the old link dies; rate-limited), revoke (the link dies).
 */
@ApiTags('groups')
@ApiErrorResponses(400, 401, 403, 404, 429)
@Controller('api/groups/:slug/invites')
export class GroupInvitesController {
  constructor(@Inject(GroupInvitesService) private readonly invites: GroupInvitesService) {}

  @Get()
  @ApiOkResponse({ type: [PendingGroupInviteResponse] })
  list(@CurrentUser() p: Principal, @Param('slug') slug: string): Promise<PendingGroupInviteResponse[]> {
    return this.invites.listPending(slug, p.userId);
  }

  @Post(':inviteId/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PendingGroupInviteResponse })
  resend(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Param('inviteId', uuid) inviteId: string,
  ): Promise<PendingGroupInviteResponse> {
    return this.invites.resend(slug, p.userId, inviteId);
  }

  @Delete(':inviteId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; its link no longer works' })
  revoke(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Param('inviteId', uuid) inviteId: string,
  ): Promise<void> {
    return this.invites.revoke(slug, p.userId, inviteId);
  }
}
