import { INBOUND_REFUSAL_REASONS } from '@app/mail';

export const INBOUND_CHANNELS = ['smtp', 'webhook', 'imap'] as const;
export type InboundChannel = (typeof INBOUND_CHANNELS)[number];

/**
 * What became of an inbound message:
 * - `applied`: a verified answer went through the RSVP service (it may have changed nothing);
 * - `proposal`: a verified COUNTER or proposed new time, kept for organizers, nothing changed;
 * - `ignored`: verified, but not applied (stale SEQUENCE, event closed, a step only the web can do);
 * - `dropped`: automatic mail (out-of-office, bounces, our own mail coming back);
 * - `rejected`: not an answer we can use (malformed, no or unknown reply address);
 * - `quarantined`: looks like an answer but fails a check that protects someone: kept for organizers
 *   to apply or dismiss, never applied on its own.
 */
export const INBOUND_OUTCOMES = [
  'applied',
  'proposal',
  'ignored',
  'dropped',
  'rejected',
  'quarantined',
] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** Reasons decided by the pipeline, after parsing (the parser's own come from @app/mail). */
export const PIPELINE_REASONS = [
  /** No `rsvp+<token>@<inbound domain>` address in the envelope, To/Cc or ORGANIZER. */
  'no_token',
  /** A token whose MAC does not verify, or whose invitation does not exist (any more). */
  'unknown_token',
  /** The invitation was withdrawn (the person was removed from the event). */
  'revoked_invitation',
  /** Addressed to reply addresses of several invitations at once. */
  'ambiguous_recipient',
  /** The calendar's ORGANIZER is a reply address of another invitation (or a forged one). */
  'organizer_mismatch',
  /** The UID is not the UID of the invitation's event. */
  'uid_mismatch',
  /** The ATTENDEE is not the invited person's address. */
  'attendee_mismatch',
  /** RFC 6047 §2.2.1: the sender (From) is not the answering ATTENDEE. */
  'from_mismatch',
  /**
   * SEQUENCE older than the last copy that changed the event, and DTSTART/DTEND not the event's now:
   * an answer to an outdated version (the person is mailed how to answer the current one).
   */
  'stale_sequence',
  /** No longer decided (RECURRENCE-ID is now matched to an occurrence); kept for older log rows. */
  'recurrence_not_supported',
  /** RECURRENCE-ID names no occurrence: not the event's start, nor the start of another in its series. */
  'recurrence_unknown',
  /** RECURRENCE-ID names another occurrence of the series, to which the person is not invited. */
  'recurrence_not_invited',
  // The RSVP service refused the answer (its DomainError code is kept in details.code):
  'event_not_open',
  'rsvp_not_open',
  'rsvp_closed',
  'event_full',
  'not_permitted',
  /** The code of conduct must be acknowledged first: the person was mailed a link to do so. */
  'coc_required',
  /** A hybrid event needs in person / online: the person was mailed a link to choose. */
  'mode_required',
  /** Required questions are unanswered: the person was mailed a link to the event. */
  'answers_required',
  'rsvp_refused',
  /** The pipeline failed unexpectedly; the message is kept so it can be looked at. */
  'internal_error',
] as const;
export type PipelineReason = (typeof PIPELINE_REASONS)[number];

/** Every reason an inbound log row can carry. */
export const INBOUND_REASONS = [...INBOUND_REFUSAL_REASONS, ...PIPELINE_REASONS] as const;
export type InboundReason = (typeof INBOUND_REASONS)[number];

export interface InboundMeta {
  channel: InboundChannel;
  /** SMTP MAIL FROM (may be empty for bounces). */
  envelopeFrom?: string | null;
  /** SMTP RCPT TO, or what a webhook/IMAP knows of it (Delivered-To). */
  envelopeTo: string[];
  /** Real size when `raw` was cut at the size limit (the listener stops buffering there). */
  size?: number;
}

export interface InboundResult {
  /** The log row; for a duplicate, the row of the first copy. */
  id: string | null;
  messageId: string;
  duplicate: boolean;
  outcome: InboundOutcome;
  reason: InboundReason | null;
  /** The RSVP status after an applied answer. */
  rsvpStatus?: string;
}

/** Calendar PARTSTAT → the RSVP answer it stands for. DELEGATED: the person is not coming themselves. */
export const ANSWER_FOR_PARTSTAT = {
  ACCEPTED: 'going',
  TENTATIVE: 'maybe',
  DECLINED: 'declined',
  DELEGATED: 'declined',
} as const;
