import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InboundRow } from '@app/inbound';
import { RSVP_ANSWERS, RSVP_STATUSES, RsvpAnswer, RsvpStatus } from '@app/core';

const OBJECT = { type: 'object', additionalProperties: true, nullable: true } as const;
/** The pipeline's outcomes (libs/inbound keeps the list; this copy is checked against its type). */
export const INBOUND_OUTCOMES = [
  'applied',
  'proposal',
  'ignored',
  'dropped',
  'rejected',
  'quarantined',
] as const satisfies readonly InboundRow['outcome'][];

class InboundEventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
}

class InboundNoteInviteeResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
}

class InboundInviteeResponse extends InboundNoteInviteeResponse {
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class InboundResolutionResponse {
  @ApiProperty({ description: 'What an organizer decided: applied or dismissed' }) decision!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The organizer' }) by!: string | null;
}

const EVENT = { type: () => InboundEventResponse, nullable: true } as const;

export class InboundMessageResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Without angle brackets' }) messageId!: string;
  @ApiProperty({ enum: ['smtp', 'webhook', 'imap'] }) channel!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ description: 'Bytes, as far as known (see detail)' }) size!: number;
  @ApiProperty({ enum: INBOUND_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  /** Short technical explanation of a refusal; never the message body. */
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) envelopeFrom!: string | null;
  @ApiProperty(EVENT) event!: InboundEventResponse | null;
  @ApiProperty({ type: String, nullable: true }) invitationId!: string | null;
  @ApiProperty({ type: () => InboundInviteeResponse, nullable: true })
  invitee!: InboundInviteeResponse | null;
  @ApiProperty({ type: String, nullable: true }) partstat!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty(OBJECT) intent!: Record<string, unknown> | null;
  @ApiProperty(OBJECT) rsvp!: Record<string, unknown> | null;
  @ApiProperty(OBJECT) flags!: Record<string, unknown> | null;
  @ApiProperty({ type: () => InboundResolutionResponse, nullable: true })
  resolution!: InboundResolutionResponse | null;
}

export class InboundMessagePage {
  @ApiProperty({ type: [InboundMessageResponse] }) items!: InboundMessageResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InboundNoteResponse {
  @ApiProperty({ enum: ['proposal', 'delegation', 'comment'] }) kind!: 'proposal' | 'delegation' | 'comment';
  @ApiProperty() messageId!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty(EVENT) event!: InboundEventResponse | null;
  @ApiProperty({ type: () => InboundNoteInviteeResponse, nullable: true })
  invitee!: InboundNoteInviteeResponse | null;
  @ApiProperty({ type: String, nullable: true }) partstat!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: [String], nullable: true }) delegatedTo!: string[] | null;
  @ApiProperty(OBJECT) proposal!: Record<string, unknown> | null;
}

/** What the webhook answers: the pipeline's outcome for the message. */
export class InboundResultResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The log row (of the first copy, for a duplicate)',
  })
  id!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty() duplicate!: boolean;
  @ApiProperty({ enum: INBOUND_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiPropertyOptional() rsvpStatus?: string;
}

const RSVP_STATUS = { enum: RSVP_STATUSES, nullable: true };

class ApplyPreviewPersonResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class ApplyPreviewEventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
}

class ApplyPreviewRefusalResponse {
  @ApiProperty({ description: 'The error code the RSVP service would answer' }) code!: string;
  @ApiProperty() message!: string;
}

/** What applying a quarantined or ignored reply would change (InboundAdminService.preview). */
export class ApplyPreviewResponse {
  @ApiProperty() messageId!: string;
  @ApiProperty({ type: () => ApplyPreviewPersonResponse }) person!: ApplyPreviewPersonResponse;
  @ApiProperty({ type: () => ApplyPreviewEventResponse }) event!: ApplyPreviewEventResponse;
  @ApiProperty({ enum: RSVP_ANSWERS }) answer!: RsvpAnswer;
  @ApiProperty({ ...RSVP_STATUS, description: "The person's RSVP status now (null: none yet)" })
  from!: RsvpStatus | null;
  @ApiProperty({ ...RSVP_STATUS, description: 'Their status after applying; null when refused' })
  to!: RsvpStatus | null;
  @ApiProperty() changed!: boolean;
  @ApiProperty({ type: () => ApplyPreviewRefusalResponse, nullable: true })
  refusal!: ApplyPreviewRefusalResponse | null;
}

const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function toInboundMessage(r: InboundRow): InboundMessageResponse {
  const details = r.details ?? {};
  return {
    id: r.id,
    messageId: r.message_id,
    channel: r.channel,
    receivedAt: new Date(r.received_at).toISOString(),
    size: r.size,
    outcome: r.outcome,
    reason: r.reason,
    detail: typeof details.detail === 'string' ? details.detail : null,
    from: r.from_address,
    envelopeFrom: r.envelope_from,
    event: r.event_id ? { id: r.event_id, title: r.event_title } : null,
    invitationId: r.invitation_id,
    invitee: r.user_id ? { userId: r.user_id, displayName: r.user_display_name, email: r.user_email } : null,
    partstat: r.partstat,
    comment: r.comment,
    intent: obj(details.intent),
    rsvp: obj(details.rsvp),
    flags: obj(details.flags),
    resolution:
      r.resolution && r.resolved_at
        ? { decision: r.resolution, at: new Date(r.resolved_at).toISOString(), by: r.resolved_by }
        : null,
  };
}

export function toInboundNote(r: InboundRow): InboundNoteResponse {
  const intent = obj(r.details?.intent);
  const delegatedTo = Array.isArray(intent?.delegatedTo) ? (intent.delegatedTo as string[]) : null;
  return {
    kind: r.outcome === 'proposal' ? 'proposal' : r.partstat === 'DELEGATED' ? 'delegation' : 'comment',
    messageId: r.id,
    receivedAt: new Date(r.received_at).toISOString(),
    event: r.event_id ? { id: r.event_id, title: r.event_title } : null,
    invitee: r.user_id ? { userId: r.user_id, displayName: r.user_display_name } : null,
    partstat: r.partstat,
    comment: r.comment,
    delegatedTo,
    proposal: obj(intent?.proposal),
  };
}
