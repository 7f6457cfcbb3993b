import { Decision, TokenLookup } from './decide-reply';
import { KnownMessage, NewInboundMessage } from './inbound.repository';
import {
  describeSize,
  InboundFlags,
  InboundMeta,
  InboundParseResult,
  InboundResult,
  SizeBasis,
} from './inbound.types';

/**
 * The inbound_messages row for a parsed message and the pipeline's decision: what is kept of the
 * message, the intent it carried and why it was (not) applied.
 */
export function inboundRow(
  raw: Buffer,
  size: number,
  parsed: InboundParseResult,
  meta: InboundMeta,
  decision: Decision,
  lookup: TokenLookup,
): NewInboundMessage {
  const intent = parsed.ok ? parsed.intent : undefined;
  const inv = decision.invitation;
  // Automatic mail and oversized messages are not worth keeping; everything else is kept (bounded
  // by INBOUND_MAX_BYTES, cleared after INBOUND_RAW_RETENTION_DAYS) for organizers to look at.
  const keepRaw = decision.outcome !== 'dropped' && decision.reason !== 'too_large';
  const quarantinedOrVerified = decision.outcome !== 'rejected' && decision.outcome !== 'dropped';
  return {
    messageId: parsed.messageId,
    channel: meta.channel,
    envelopeFrom: clean(meta.envelopeFrom ?? null, 320),
    envelopeTo: meta.envelopeTo.map((a) => clean(a, 320) ?? '').slice(0, 100),
    fromAddress: parsed.from,
    raw: keepRaw ? raw : null,
    size: columnSize(size),
    outcome: decision.outcome === 'apply' ? 'applied' : decision.outcome,
    reason: decision.reason,
    eventId: inv?.eventId ?? null,
    invitationId: inv?.id ?? null,
    userId: inv?.userId ?? null,
    partstat: intent?.partstat ?? null,
    comment: quarantinedOrVerified && intent?.comment ? intent.comment.slice(0, 2000) : null,
    details: {
      ...(parsed.ok ? {} : { detail: parsed.detail }),
      ...(decision.outcome === 'apply' && decision.staleButCurrent
        ? { detail: 'older SEQUENCE, but DTSTART and DTEND are the event’s now: applied' }
        : {}),
      ...(decision.outcome !== 'apply' && decision.outcome !== 'proposal' && decision.occurrenceEventId
        ? {
            occurrenceEventId: decision.occurrenceEventId,
            detail: 'RECURRENCE-ID names another occurrence of the series; not invited to it',
          }
        : {}),
      tokenSource: lookup.source,
      flags: flagSummary(parsed.flags),
      ...(intent
        ? {
            intent: {
              kind: intent.kind,
              method: intent.method,
              partstat: intent.partstat,
              sequence: intent.sequence,
              attendee: intent.attendee,
              ...(intent.kind === 'rsvp' && intent.delegatedTo ? { delegatedTo: intent.delegatedTo } : {}),
              ...(intent.kind === 'proposal' ? { proposal: intent.proposal } : {}),
              ...(intent.recurrenceId ? { recurrenceId: intent.recurrenceId.value } : {}),
              ...(intent.dtstart ? { dtstart: intent.dtstart.value } : {}),
              ...(intent.dtend ? { dtend: intent.dtend.value } : {}),
            },
          }
        : {}),
    },
  };
}

/** inbound_messages.size is an integer; a larger declared or counted size is exact in the detail only. */
export function columnSize(size: number): number {
  return Math.min(Math.max(0, Math.floor(size)), 2_147_483_647);
}

export function tooLargeDetail(size: number, basis: SizeBasis | undefined, limit: number): string {
  return `message is ${describeSize(size, basis)}, limit ${limit}`;
}

export function resultOf(id: string, row: NewInboundMessage): InboundResult {
  return { id, messageId: row.messageId, duplicate: false, outcome: row.outcome, reason: row.reason };
}

export function duplicateOf(messageId: string, known: KnownMessage): InboundResult {
  return { id: known.id, messageId, duplicate: true, outcome: known.outcome, reason: known.reason };
}

function flagSummary(flags: InboundFlags): Record<string, unknown> {
  return {
    messageIdSynthesized: flags.messageIdSynthesized,
    automation: flags.automation.map((a) => `${a.source}: ${a.value}`),
    calendarParts: flags.calendarParts,
    calendarContentType: flags.calendarPart?.contentType ?? null,
    methodMismatch: flags.methodMismatch,
    fromMatchesAttendee: flags.fromMatchesAttendee,
  };
}

export function clean(value: string | null, max: number): string | null {
  if (value === null) return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max);
  return text === '' ? null : text;
}
