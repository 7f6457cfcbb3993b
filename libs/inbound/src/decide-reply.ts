import type { RsvpAnswer } from '@app/core';
import type { ProposalIntent, ReplyDateTime, RsvpIntent } from '@app/calendar';
import {
  ANSWER_FOR_PARTSTAT,
  InboundParseResult,
  InboundReason,
  InboundRefusalReason,
} from './inbound.types';

/** What the database says about an invitation a reply address names. */
export interface InvitationFacts {
  id: string;
  eventId: string;
  userId: string;
  /** The invited person's address (compared case-insensitively). */
  email: string;
  revoked: boolean;
  lastSequenceSent: number | null;
  /**
   * SEQUENCE of the last copy that changed the event for this person (invitation, update,
   * cancellation, removal); a reply from an older copy answered an outdated event. Personal notices
   * after it (the confirmation of an answer) do not make the copy the person answers from outdated.
   */
  contentSequence: number | null;
  calendarUid: string;
  eventKind: string;
  /** The mode of the person's current RSVP, if any (a hybrid event needs one; a calendar cannot say). */
  currentMode: 'in_person' | 'online' | null;
  /** The event as it is now: a stale SEQUENCE still counts when the reply carries these times. */
  startsAt: Date;
  endsAt: Date;
  seriesId: string | null;
}

/**
 * The occurrence a RECURRENCE-ID names when it is not the token's own event: the event of the same
 * series starting at that instant, and the person's invitation to it (null when they have none).
 */
export interface OccurrenceFacts {
  eventId: string;
  invitation: InvitationFacts | null;
}

/** Where the invitation came from, and what the other places said. */
export interface TokenLookup {
  /** The first place that named at least one reply address: envelope, then To/Cc, then ORGANIZER. */
  source: 'envelope' | 'headers' | 'organizer' | null;
  /** Distinct tokens found there. */
  tokens: string[];
  /** Invitations those tokens verify to and that exist. */
  invitations: InvitationFacts[];
  /** The ORGANIZER's token, verified: the invitation id, null when it does not verify, undefined when there is none. */
  organizerInvitationId: string | null | undefined;
  /**
   * The other occurrence of the series the reply's RECURRENCE-ID names (looked up only when it names
   * another instant than the event's start); null or absent when there is none.
   */
  occurrence?: OccurrenceFacts | null;
}

export type Decision =
  | {
      outcome: 'dropped' | 'rejected' | 'quarantined' | 'ignored';
      reason: InboundReason;
      invitation: InvitationFacts | null;
      /** A RECURRENCE-ID naming another occurrence the person is not invited to: that event. */
      occurrenceEventId?: string;
    }
  | { outcome: 'proposal'; reason: null; invitation: InvitationFacts; intent: ProposalIntent }
  | {
      outcome: 'apply';
      reason: null;
      invitation: InvitationFacts;
      intent: RsvpIntent;
      answer: RsvpAnswer;
      /** The SEQUENCE was older than the last change, but DTSTART and DTEND are the event's now. */
      staleButCurrent?: true;
    };

/** Automatic mail: kept in the log, but never looked at further (DESIGN §4: dropped). */
const DROPPED: readonly InboundRefusalReason[] = ['loop', 'bounce', 'auto_reply'];
/** Parse refusals that are someone answering for others, not broken mail: quarantined. */
const QUARANTINED: readonly InboundRefusalReason[] = ['multiple_attendees'];

/**
 * The checks of DESIGN §4, in order, as a pure function of the parsed message and what the database
 * knows of the invitation its reply address names. The token and the attendee are the security
 * boundary; everything that fails a check protecting a person is quarantined, never applied.
 */
export function decideReply(parsed: InboundParseResult, lookup: TokenLookup): Decision {
  if (!parsed.ok && DROPPED.includes(parsed.reason))
    return { outcome: 'dropped', reason: parsed.reason, invitation: null };

  const located = locate(lookup);
  const invitation = 'invitation' in located ? located.invitation : null;

  if (!parsed.ok) {
    if (QUARANTINED.includes(parsed.reason) && invitation)
      return { outcome: 'quarantined', reason: parsed.reason, invitation };
    return { outcome: 'rejected', reason: parsed.reason, invitation };
  }
  if ('reason' in located) {
    const outcome = located.reason === 'ambiguous_recipient' ? 'quarantined' : 'rejected';
    return { outcome, reason: located.reason, invitation: null };
  }
  if (located.invitation.revoked)
    return { outcome: 'rejected', reason: 'revoked_invitation', invitation: located.invitation };

  const inv = located.invitation;
  const intent = parsed.intent;
  const quarantine = (reason: InboundReason): Decision => ({
    outcome: 'quarantined',
    reason,
    invitation: inv,
  });
  if (lookup.organizerInvitationId !== undefined && lookup.organizerInvitationId !== inv.id)
    return quarantine('organizer_mismatch');
  if (intent.uid !== inv.calendarUid) return quarantine('uid_mismatch');
  if (intent.attendee.toLowerCase() !== inv.email.toLowerCase()) return quarantine('attendee_mismatch');
  if (parsed.from === null || parsed.from.toLowerCase() !== intent.attendee.toLowerCase())
    return quarantine('from_mismatch');

  // RECURRENCE-ID (RFC 5545 §3.8.4.4) names one instance of the UID's recurrence set. Hearth's UID
  // already names one occurrence, so the reply answers that event when the instant is its start; a
  // client that folded the series into one recurring entry may name a sibling occurrence instead.
  let target = inv;
  if (intent.recurrenceId) {
    const at = instantOf(intent.recurrenceId);
    const occurrence = lookup.occurrence;
    if (at !== null && at === seconds(inv.startsAt)) target = inv;
    else if (at !== null && occurrence && occurrence.eventId !== inv.eventId) {
      if (!occurrence.invitation || occurrence.invitation.revoked)
        return {
          outcome: 'quarantined',
          reason: 'recurrence_not_invited',
          invitation: inv,
          occurrenceEventId: occurrence.eventId,
        };
      target = occurrence.invitation;
    } else return quarantine('recurrence_unknown');
  }

  const current = target.contentSequence ?? target.lastSequenceSent;
  const stale = current !== null && intent.sequence < current;
  // Some clients write a low SEQUENCE whatever the version (Android mail apps answer with 0): when
  // the reply's DTSTART and DTEND are the event's now, it answers the current version anyway.
  const staleButCurrent = stale && intent.kind === 'rsvp' && answersCurrentTimes(intent, target);
  if (stale && !staleButCurrent) return { outcome: 'ignored', reason: 'stale_sequence', invitation: target };
  if (intent.kind === 'proposal') return { outcome: 'proposal', reason: null, invitation: target, intent };
  return {
    outcome: 'apply',
    reason: null,
    invitation: target,
    intent,
    answer: ANSWER_FOR_PARTSTAT[intent.partstat],
    ...(staleButCurrent ? { staleButCurrent: true as const } : {}),
  };
}

/** Whole seconds since the epoch; calendars carry no fractions. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * The instant of a DATE-TIME in UTC, a TZID the calendar defines, or an IANA zone. Floating times
 * (and dates) have no instant of their own (RFC 5545 §3.3.5): reading them in the event's zone
 * would be a guess, so they never prove anything here.
 */
function instantOf(time: ReplyDateTime | undefined): number | null {
  if (!time || time.allDay || time.iso === null) return null;
  const ms = Date.parse(time.iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** DTSTART and DTEND (or DTSTART + DURATION) are the event's start and end as they are now. */
export function answersCurrentTimes(
  intent: Pick<RsvpIntent, 'dtstart' | 'dtend' | 'durationSeconds'>,
  event: Pick<InvitationFacts, 'startsAt' | 'endsAt'>,
): boolean {
  const start = instantOf(intent.dtstart);
  if (start === null || start !== seconds(event.startsAt)) return false;
  const end =
    intent.dtend !== undefined
      ? instantOf(intent.dtend)
      : intent.durationSeconds !== undefined
        ? start + Math.round(intent.durationSeconds)
        : null;
  return end !== null && end === seconds(event.endsAt);
}

function locate(
  lookup: TokenLookup,
): { invitation: InvitationFacts } | { reason: 'no_token' | 'unknown_token' | 'ambiguous_recipient' } {
  if (lookup.tokens.length === 0) return { reason: 'no_token' };
  const distinct = new Map(lookup.invitations.map((i) => [i.id, i]));
  if (distinct.size === 0) return { reason: 'unknown_token' };
  if (distinct.size > 1) return { reason: 'ambiguous_recipient' };
  const [invitation] = distinct.values();
  return { invitation };
}
