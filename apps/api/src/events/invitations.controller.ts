import { Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvitationManagementService } from '@app/events';
import { Principal } from '@app/identity';
import { RevokeInvitation } from '@app/rsvp';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser } from '../http/auth.guard';
import {
  InvitationListResponse,
  InvitationsQuery,
  ResendResponse,
  RevokeInvitationResponse,
} from './invitations.dto';

const uuid = new ParseUUIDPipe();

/**
 * An event's invitations, for its organizers (issue 12.3): the list with states and counts, resend
 * (one person, or everyone who has not answered; rate-limited), revoke. Resending one person's
 * revoked invitation is the explicit re-invite: it reinstates it.
 */
@ApiTags('invitations')
@ApiErrorResponses(400, 401, 403, 404, 409, 429)
@Controller('api/events/:id/invitations')
export class InvitationsController {
  constructor(
    @Inject(InvitationManagementService) private readonly management: InvitationManagementService,
    @Inject(RevokeInvitation) private readonly revocation: RevokeInvitation,
  ) {}

  @Get()
  @ApiOkResponse({ type: InvitationListResponse })
  list(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Query() q: InvitationsQuery,
  ): Promise<InvitationListResponse> {
    return this.management.list(id, p.userId, q);
  }

  /** Everyone invited who has not answered gets the invitation again (revoked and opted-out people excepted). */
  @Post('resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ResendResponse })
  resendUnanswered(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<ResendResponse> {
    return this.management.resendUnanswered(id, p.userId);
  }

  @Post(':userId/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ResendResponse })
  resendOne(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ): Promise<ResendResponse> {
    return this.management.resendOne(id, p.userId, userId);
  }

  /** Revokes: CANCEL for a copy they received, RSVP withdrawn (waitlist promoted), no more mail. */
  @Delete(':userId')
  @ApiOkResponse({ type: RevokeInvitationResponse })
  revoke(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ): Promise<RevokeInvitationResponse> {
    return this.revocation.revoke(id, p.userId, userId);
  }
}
