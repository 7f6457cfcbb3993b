import { InboundRow } from '@app/inbound';

export interface InboundMessageResponse {
  id: string;
  messageId: string;
  channel: string;
  receivedAt: string;
  size: number;
  outcome: string;
  reason: string | null;
  /** Short technical explanation of a refusal; never the message body. */
  detail: string | null;
  from: string | null;
  envelopeFrom: string | null;
  event: { id: string; title: string | null } | null;
  invitationId: string | null;
  invitee: { userId: string; displayName: string | null; email: string | null } | null;
  partstat: string | null;
  comment: string | null;
  intent: Record<string, unknown> | null;
  rsvp: Record<string, unknown> | null;
  flags: Record<string, unknown> | null;
  resolution: { decision: string; at: string; by: string | null } | null;
}

export interface InboundNoteResponse {
  kind: 'proposal' | 'delegation' | 'comment';
  messageId: string;
  receivedAt: string;
  event: { id: string; title: string | null } | null;
  invitee: { userId: string; displayName: string | null } | null;
  partstat: string | null;
  comment: string | null;
  delegatedTo: string[] | null;
  proposal: Record<string, unknown> | null;
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
