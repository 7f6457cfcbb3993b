import {
  ParsedReply,
  ReplyAttendee,
  ReplyIntent,
  ReplyRefusalReason,
  RSVP_PARTSTATS,
  RsvpPartstat,
} from './reply.types';

/**
 * What a parsed REPLY/COUNTER asks for. Pure policy, no lookups: whether the UID, token, attendee
 * and SEQUENCE match an invitation is decided later, against the database (DESIGN §4).
 */
export function classifyReply(parsed: ParsedReply): ReplyIntent {
  const method = parsed.method;
  if (method !== 'REPLY' && method !== 'COUNTER')
    return refuse('not_reply', `METHOD ${token(method)} is not REPLY or COUNTER`);

  const picked = pickAttendee(parsed.attendees);
  if ('reason' in picked) return refuse(picked.reason, picked.detail);
  const { attendee, delegate } = picked;
  if (attendee.email === null) return refuse('invalid_attendee', 'ATTENDEE has no e-mail address');

  const partstat = asRsvpPartstat(attendee.partstat);
  const base = {
    uid: parsed.uid,
    sequence: parsed.sequence,
    ...(parsed.recurrenceId ? { recurrenceId: parsed.recurrenceId } : {}),
    ...(parsed.dtstart ? { dtstart: parsed.dtstart } : {}),
    ...(parsed.dtend ? { dtend: parsed.dtend } : {}),
    ...(parsed.durationSeconds !== undefined ? { durationSeconds: parsed.durationSeconds } : {}),
    attendee: attendee.email,
    organizer: parsed.organizer,
    ...(parsed.comment ? { comment: parsed.comment } : {}),
  };

  if (method === 'COUNTER' || parsed.proposal || parsed.proposalError) {
    if (!parsed.proposal) return refuse('invalid_proposal', parsed.proposalError ?? 'no proposed time');
    return { kind: 'proposal', method, ...base, partstat, proposal: parsed.proposal };
  }

  if (partstat === null)
    return refuse('unsupported_partstat', `PARTSTAT ${token(attendee.partstat)} is not an answer`);
  if (partstat === 'DELEGATED') {
    const delegatedTo = attendee.delegatedTo.length > 0 ? attendee.delegatedTo : delegate ? [delegate] : [];
    if (delegatedTo.length === 0) return refuse('invalid_delegation', 'DELEGATED without DELEGATED-TO');
    return { kind: 'rsvp', method, ...base, partstat, delegatedTo };
  }
  return { kind: 'rsvp', method, ...base, partstat };
}

/**
 * RFC 5546 §3.2.3: a REPLY carries the one ATTENDEE who answers (RFC 6047 §2.2.1: only they may set
 * their status). The one exception is delegation (RFC 5546 §4.2.5): the delegator's
 * PARTSTAT=DELEGATED;DELEGATED-TO=x plus the delegate's DELEGATED-FROM=delegator, and then the
 * answer is the delegator's.
 */
function pickAttendee(
  attendees: ReplyAttendee[],
): { attendee: ReplyAttendee; delegate?: string } | { reason: ReplyRefusalReason; detail: string } {
  if (attendees.length === 0) return { reason: 'no_attendee', detail: 'no ATTENDEE' };
  if (attendees.length === 1) return { attendee: attendees[0] };
  if (attendees.length === 2) {
    for (const [delegator, delegate] of [
      [attendees[0], attendees[1]],
      [attendees[1], attendees[0]],
    ]) {
      if (
        delegator.partstat === 'DELEGATED' &&
        delegator.email !== null &&
        delegate.email !== null &&
        delegator.delegatedTo.includes(delegate.email) &&
        delegate.delegatedFrom.includes(delegator.email)
      )
        return { attendee: delegator, delegate: delegate.email };
    }
  }
  return { reason: 'multiple_attendees', detail: `${attendees.length} ATTENDEEs` };
}

function asRsvpPartstat(value: string | null): RsvpPartstat | null {
  return (RSVP_PARTSTATS as readonly string[]).includes(value ?? '') ? (value as RsvpPartstat) : null;
}

/** A METHOD or PARTSTAT for a log line: iCalendar tokens only, never arbitrary body text. */
function token(value: string | null): string {
  if (value === null) return '(none)';
  return /^[A-Z0-9-]{1,40}$/.test(value) ? value : '(invalid)';
}

function refuse(reason: ReplyRefusalReason, detail: string): ReplyIntent {
  return { kind: 'refused', reason, detail };
}
