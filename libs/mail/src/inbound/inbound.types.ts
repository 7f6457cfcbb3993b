// The reply module itself, not the @app/calendar index: the calendar lib imports from @app/mail, and
// this file spreads REPLY_REFUSAL_REASONS at load time, so it must not depend on that import order.
import { ParsedReply, ProposalIntent, REPLY_REFUSAL_REASONS, RsvpIntent } from '@app/calendar/reply';

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
