import { ParsedReply, ProposalIntent, REPLY_REFUSAL_REASONS, RsvpIntent } from '@app/calendar';

/**
 * Why an inbound message does not become an RSVP. The first group is about the e-mail, the second
 * (from @app/calendar) about the calendar it carries. `loop`, `bounce` and `auto_reply` are meant to
 * be dropped; everything else is kept for organizers with its reason (DESIGN §4).
 */
export const INBOUND_REFUSAL_REASONS = [
  /** Larger than `maxBytes`; not parsed at all. */
  'too_large',
  /** Not parseable as MIME, or MIME nested deeper than any mail client writes. */
  'malformed_mime',
  /** NUL or bare CR in the header block, a singleton header repeated, or control characters in a decoded header. */
  'malformed_headers',
  /** No From, several, or not a plain address (RFC 6047 §2.2.1 needs the sender to compare with the ATTENDEE). */
  'invalid_from',
  /** Sent by ourselves: From is one of our addresses or at the inbound domain. */
  'loop',
  /** A delivery or read report (RFC 3464 / RFC 8098 multipart/report, MAILER-DAEMON, X-Failed-Recipients). */
  'bounce',
  /** Out-of-office and other automatic responses (RFC 3834). */
  'auto_reply',
  /** No text/calendar or application/ics part. */
  'no_calendar',
  /** The calendar part's charset is unknown, or its bytes are not valid in it. */
  'bad_charset',
  ...REPLY_REFUSAL_REASONS,
] as const;

export type InboundRefusalReason = (typeof INBOUND_REFUSAL_REASONS)[number];

export interface ParseInboundOptions {
  /** The domain of our `rsvp+<token>@` reply addresses. */
  inboundDomain: string;
  /** Addresses we send from (MAIL_FROM, bounce address…): mail from them is a loop. */
  ownAddresses: string[];
  /** Messages above this size are refused unparsed. */
  maxBytes: number;
}

export interface AutomationSignal {
  source:
    | 'auto-submitted'
    | 'precedence'
    | 'x-autoreply'
    | 'x-autorespond'
    | 'x-auto-response-suppress'
    | 'subject';
  /** The header value (or the subject) that triggered, trimmed and shortened. */
  value: string;
  /**
   * Decisive signals drop the message whatever it carries. The others also appear on genuine
   * calendar answers (Google's RSVPs are `Auto-Submitted: auto-generated`) and only decide when the
   * message carries no calendar.
   */
  decisive: boolean;
}

export interface CalendarPartInfo {
  contentType: string;
  /** The `method=` parameter, upper-cased, or null when absent (Apple Mail 2008). */
  mimeMethod: string | null;
  charset: string | null;
  /** IMAP-style part number from mailparser, e.g. `1.3`. */
  partId: string | null;
  filename: string | null;
}

export interface InboundFlags {
  /** No usable Message-ID header: `messageId` is derived from the raw bytes. */
  messageIdSynthesized: boolean;
  /** Any sign of an automatic sender, decisive or not. */
  automated: boolean;
  automation: AutomationSignal[];
  bounce: boolean;
  loop: boolean;
  /** How many calendar parts the message has (Google and Lightning send the same body twice). */
  calendarParts: number;
  /** The part that was read: the first text/calendar, else the first application/ics. */
  calendarPart: CalendarPartInfo | null;
  /** MIME `method=` differs from the body METHOD (Google's COUNTER labelled REPLY). The body wins. */
  methodMismatch: boolean;
  /** From equals the answering ATTENDEE; null when there is no answer to compare with. */
  fromMatchesAttendee: boolean | null;
}

export interface InboundEnvelope {
  /** Message-ID without angle brackets, or `sha256-<hex>@synthesized.invalid` (stable per raw message). */
  messageId: string;
  /** Lower-cased From address, when it is a single plain address. */
  from: string | null;
  subject: string | null;
  /** Date header as ISO-8601, when parseable. */
  date: string | null;
  flags: InboundFlags;
  tokens: {
    /** Token of the ORGANIZER (`rsvp+<token>@<inbound domain>`) in the calendar, when there is one. */
    organizer: string | null;
    /** Tokens of `rsvp+<token>@` addresses in To/Cc. The SMTP envelope recipient remains the authority. */
    recipients: string[];
  };
}

export interface InboundReply extends InboundEnvelope {
  ok: true;
  reply: ParsedReply;
  intent: RsvpIntent | ProposalIntent;
}

export interface InboundRefusal extends InboundEnvelope {
  ok: false;
  reason: InboundRefusalReason;
  /** Short technical explanation for logs and the quarantine view; never contains the body. */
  detail: string;
  /** The parsed calendar when the refusal came after parsing it (e.g. `multiple_attendees`). */
  reply?: ParsedReply;
}

export type InboundParseResult = InboundReply | InboundRefusal;

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

/** Reasons decided by the pipeline, after parsing (the parser's own are INBOUND_REFUSAL_REASONS). */
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
  /** Real size when `raw` is not all of the message (cut at the size limit, or never sent). */
  size?: number;
  /** How `size` is known; `counted` when unset. */
  sizeBasis?: SizeBasis;
}

/**
 * How the size of an oversized message is known, so its log row says no more than that:
 * - `counted`: every byte was read (and counted) to the end;
 * - `smtp_size`: declared with SMTP `SIZE` at MAIL FROM (RFC 1870) and refused before it was sent;
 * - `content_length`: declared by the webhook's Content-Length; reading stopped part-way;
 * - `imap_size`: the mailbox server's RFC822.SIZE;
 * - `at_least`: reading stopped after this many bytes, with no declared size.
 */
export type SizeBasis = 'counted' | 'smtp_size' | 'content_length' | 'imap_size' | 'at_least';

/** The size of an oversized message in words, for its log row and the refusal sent back. */
export function describeSize(size: number, basis: SizeBasis = 'counted'): string {
  // A SIZE parameter may have up to 20 digits; past 2^53 the number itself is no longer exact.
  const bytes = Number.isSafeInteger(size) ? `${size} bytes` : `more than ${Number.MAX_SAFE_INTEGER} bytes`;
  switch (basis) {
    case 'counted':
      return bytes;
    case 'smtp_size':
      return `${bytes} as declared with SMTP SIZE (refused before it was sent)`;
    case 'content_length':
      return `${bytes} as declared by Content-Length`;
    case 'imap_size':
      return `${bytes} as the mailbox reports it`;
    case 'at_least':
      return `at least ${bytes} (reading stopped there)`;
  }
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
