import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INVITATION_STATES, type InvitationState } from '@app/events';
import { RSVP_STATUSES } from '@app/rsvp';

// The event invitation list and its actions (issue 12.3), as the OpenAPI document shows them.

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class InvitationsQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATES, description: 'Only invitations in this state' })
  @IsOptional()
  @IsIn(INVITATION_STATES)
  state?: InvitationState;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class InviterResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
}

export class InvitationResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({
    enum: INVITATION_STATES,
    description:
      'revoked; answered (they RSVPed); bounced (their last message about the event failed for good); ' +
      'opted_out (never mailed: they opted out of announcements); invited (sent, or waiting for the event to go live)',
  })
  state!: InvitationState;
  @ApiProperty({ enum: RSVP_STATUSES, nullable: true, description: 'Their RSVP, when they answered' })
  rsvpStatus!: string | null;
  @ApiProperty({ type: InviterResponse, nullable: true, description: 'Who invited them, when known' })
  invitedBy!: InviterResponse | null;
  @ApiProperty({ type: String, format: 'date-time' }) invitedAt!: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last mail about the event',
  })
  lastSentAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: Date | null;
}

export class InvitationCountsResponse {
  @ApiProperty() invited!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() bounced!: number;
  @ApiProperty() revoked!: number;
  @ApiProperty() opted_out!: number;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse] }) items!: InvitationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: InvitationCountsResponse, description: 'Invitations per state (all pages)' })
  counts!: InvitationCountsResponse;
}

export class ResendResponse {
  @ApiProperty({ description: 'How many people the invitation is being sent to again' }) resent!: number;
}

export class RevokeInvitationResponse {
  @ApiProperty({ description: 'False when the invitation was already revoked' }) changed!: boolean;
  @ApiProperty({ description: 'A CANCEL was sent for the copy they had received' }) cancelSent!: boolean;
  @ApiProperty({ description: 'Their RSVP was withdrawn (now declined)' }) rsvpWithdrawn!: boolean;
}

export class PendingGroupInviteResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['organizer', 'moderator', 'member'] }) role!: string;
  @ApiProperty({ type: InviterResponse, nullable: true }) invitedBy!: InviterResponse | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: Date;
  @ApiProperty({ description: 'The link expired; resend to issue a new one' }) expired!: boolean;
}
