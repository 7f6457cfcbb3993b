/**
 * Why a calendar body cannot become an RSVP. Every refusal names one of these, so the inbound
 * pipeline can store it and organizers can see it in quarantine (DESIGN §4).
 */
export const REPLY_REFUSAL_REASONS = [
  /** Not parseable as one RFC 5545 VCALENDAR (syntax, unbalanced BEGIN/END, control characters, size). */
  'malformed_ical',
  /** A VCALENDAR without a VEVENT. */
  'no_event',
  /** More than one VEVENT (per-occurrence answers are not supported yet). */
  'multiple_events',
  /** RFC 5546 §3.2.3: UID is required in a REPLY. */
  'missing_uid',
  /** METHOD is neither REPLY nor COUNTER (or absent both in the body and the MIME part). */
  'not_reply',
  /** RFC 5546 §3.2.3: a REPLY carries exactly one ATTENDEE, the one answering. */
  'no_attendee',
  'multiple_attendees',
  /** The ATTENDEE has no usable e-mail address (neither mailto:, a bare address, nor EMAIL=). */
  'invalid_attendee',
  /** PARTSTAT missing, NEEDS-ACTION or not a VEVENT answer. */
  'unsupported_partstat',
  /** PARTSTAT=DELEGATED without DELEGATED-TO. */
  'invalid_delegation',
  /** A COUNTER (or a REPLY with a proposal) whose proposed time cannot be read or placed in time. */
  'invalid_proposal',
] as const;

export type ReplyRefusalReason = (typeof REPLY_REFUSAL_REASONS)[number];

/** The answers an attendee can give to a VEVENT (RFC 5545 §3.2.12, partstat-event). */
export const RSVP_PARTSTATS = ['ACCEPTED', 'TENTATIVE', 'DECLINED', 'DELEGATED'] as const;
export type RsvpPartstat = (typeof RSVP_PARTSTATS)[number];

/** A DATE or DATE-TIME value as sent, plus its instant when it can be placed in time. */
export interface ReplyDateTime {
  /** The iCalendar value as sent, e.g. `20201226T180000` or `20120827`. */
  value: string;
  tzid?: string;
  allDay: boolean;
  /**
   * ISO-8601: `2020-12-26T17:00:00.000Z` for a DATE-TIME resolved through UTC, the calendar's own
   * VTIMEZONE or an IANA name; `2012-08-27` for a DATE; null when the zone is unknown or floating.
   */
  iso: string | null;
}

export interface ProposedTime {
  /** ISO-8601 instant (`…Z`), or a date (`YYYY-MM-DD`) when `allDay`. */
  start: string;
  /** Same form as start; null when the proposal gives no end and the event has no duration. */
  end: string | null;
  allDay: boolean;
  /** Where the proposal came from: a COUNTER's own times, or Apple's TO-ALL-PROPOSED-NEW-TIME. */
  source: 'counter' | 'apple-proposed-new-time';
}

export interface ReplyAttendee {
  /** Lower-cased address, `mailto:` stripped; null when the ATTENDEE carries no usable address. */
  email: string | null;
  /** Upper-cased PARTSTAT as sent (may be NEEDS-ACTION, an X- value, or null when absent). */
  partstat: string | null;
  delegatedTo: string[];
  delegatedFrom: string[];
}

export interface ParsedReply {
  /** Upper-cased METHOD from the body, or from the MIME `method=` parameter when the body has none. */
  method: string | null;
  methodSource: 'body' | 'mime' | null;
  uid: string;
  /** RFC 5545 §3.8.7.4: SEQUENCE defaults to 0. */
  sequence: number;
  recurrenceId?: ReplyDateTime;
  /** The event's times as the answering calendar holds them (a COUNTER's are its proposal). */
  dtstart?: ReplyDateTime;
  dtend?: ReplyDateTime;
  /** DURATION in seconds, when the VEVENT gives one instead of DTEND. */
  durationSeconds?: number;
  /** ISO-8601 instant of DTSTAMP when present and valid. */
  dtstamp?: string;
  /**
   * ORGANIZER address, `mailto:` stripped and domain lower-cased; the local part keeps its case because
   * for our invitations it is `rsvp+<token>` and the token is case-sensitive.
   */
  organizer: string | null;
  /** ATTENDEE properties of the VEVENT itself (never those of a VALARM inside it). */
  attendees: ReplyAttendee[];
  comment?: string;
  proposal?: ProposedTime;
  /** Set when a proposal was announced but could not be read (feeds `invalid_proposal`). */
  proposalError?: string;
  prodId?: string;
}

export type ParseReplyResult =
  { ok: true; reply: ParsedReply } | { ok: false; reason: ReplyRefusalReason; detail: string };

interface IntentBase {
  method: 'REPLY' | 'COUNTER';
  uid: string;
  sequence: number;
  recurrenceId?: ReplyDateTime;
  /** DTSTART / DTEND (or DURATION) of the copy the answer comes from, when the reply carries them. */
  dtstart?: ReplyDateTime;
  dtend?: ReplyDateTime;
  durationSeconds?: number;
  /** The answering attendee's lower-cased address. */
  attendee: string;
  organizer: string | null;
  comment?: string;
}

/** A plain answer: the attendee sets their own participation status. */
export interface RsvpIntent extends IntentBase {
  kind: 'rsvp';
  method: 'REPLY';
  partstat: RsvpPartstat;
  /** Only for DELEGATED: whom the attendee delegated to. */
  delegatedTo?: string[];
}

/**
 * A request to move the event (RFC 5546 §3.2.7 COUNTER, or Apple's REPLY with a proposed time).
 * `partstat` is the answer that travelled with it when it is one of ours (iOS sends TENTATIVE);
 * for a COUNTER it is informational only, a COUNTER is not an answer.
 */
export interface ProposalIntent extends IntentBase {
  kind: 'proposal';
  partstat: RsvpPartstat | null;
  proposal: ProposedTime;
}

export interface RefusedIntent {
  kind: 'refused';
  reason: ReplyRefusalReason;
  detail: string;
}

export type ReplyIntent = RsvpIntent | ProposalIntent | RefusedIntent;
