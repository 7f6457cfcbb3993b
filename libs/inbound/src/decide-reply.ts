import type { InboundParseResult, InboundRefusalReason } from '@app/mail';
import type { ProposalIntent, RsvpIntent } from '@app/calendar/reply';
import { ANSWER_FOR_PARTSTAT, InboundReason } from './inbound.types';

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
}

export type Decision =
  | {
      outcome: 'dropped' | 'rejected' | 'quarantined' | 'ignored';
      reason: InboundReason;
      invitation: InvitationFacts | null;
    }
  | { outcome: 'proposal'; reason: null; invitation: InvitationFacts; intent: ProposalIntent }
  | {
      outcome: 'apply';
      reason: null;
      invitation: InvitationFacts;
      intent: RsvpIntent;
      answer: 'going' | 'maybe' | 'declined';
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
  const current = inv.contentSequence ?? inv.lastSequenceSent;
  if (current !== null && intent.sequence < current)
    return { outcome: 'ignored', reason: 'stale_sequence', invitation: inv };
  if (intent.recurrenceId) return { outcome: 'ignored', reason: 'recurrence_not_supported', invitation: inv };
  if (intent.kind === 'proposal') return { outcome: 'proposal', reason: null, invitation: inv, intent };
  return {
    outcome: 'apply',
    reason: null,
    invitation: inv,
    intent,
    answer: ANSWER_FOR_PARTSTAT[intent.partstat],
  };
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
