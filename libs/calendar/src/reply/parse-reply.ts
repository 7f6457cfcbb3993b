import type ICAL from 'ical.js';
import { ical } from './ical-module';
import { calAddressKeepingLocalCase, normalizeCalAddress } from './cal-address';
import {
  addSeconds,
  readCompactValue,
  readDateTime,
  secondsBetween,
  ZoneTable,
  zoneTable,
} from './ical-time';
import {
  ParsedReply,
  ParseReplyResult,
  ProposedTime,
  ReplyAttendee,
  ReplyDateTime,
  ReplyRefusalReason,
} from './reply.types';

export { classifyReply } from './classify-reply';

/** Far above any real REPLY (the corpus tops out near 2 KB); bounds the work done on hostile input. */
export const MAX_REPLY_ICS_LENGTH = 256 * 1024;
const MAX_COMPONENT_DEPTH = 8;
export const MAX_REPLY_COMMENT_LENGTH = 2000;

export interface ParseReplyOptions {
  /**
   * The `method=` parameter of the MIME part the text came from. Used only when the body has no
   * METHOD property (RFC 5546 §3.1 requires one; RFC 6047 §2.4 requires both to agree — Google's
   * COUNTER labelled `method=REPLY` shows they do not always, and then the body wins).
   */
  mimeMethod?: string | null;
}

/**
 * Strict parse of one iTIP REPLY/COUNTER body (RFC 5545 syntax through ical.js, plus the structural
 * checks ical.js leaves out). Pure: no I/O, no global time-zone registry, never throws.
 */
export function parseReplyCalendar(icsText: string, options: ParseReplyOptions = {}): ParseReplyResult {
  try {
    return parseUnsafe(icsText, options);
  } catch (error) {
    return refuse('malformed_ical', `unexpected: ${describe(error)}`);
  }
}

function parseUnsafe(icsText: string, options: ParseReplyOptions): ParseReplyResult {
  const read = readVCalendar(icsText);
  if (!read.ok) return read;
  const { calendar } = read;
  const methods = readMethod(calendar, options);
  if (!methods.ok) return methods;
  const { method, methodSource } = methods;

  const events = calendar.getAllSubcomponents('vevent');
  // A forwarded REQUEST of a series has several VEVENTs; "not a reply" says more than their count.
  if (events.length !== 1 && method !== 'REPLY' && method !== 'COUNTER')
    return refuse('not_reply', `METHOD ${method && /^[A-Z-]{1,40}$/.test(method) ? method : '(none)'}`);
  if (events.length === 0) return refuse('no_event', 'no VEVENT');
  if (events.length > 1) return refuse('multiple_events', `${events.length} VEVENTs`);
  const event = events[0];
  const identity = readIdentity(event);
  if (!identity.ok) return identity;
  const { uid, sequence, organizer } = identity;

  const zones = zoneTable(calendar);
  const recurrenceId = readDateTime(event.getFirstProperty('recurrence-id'), zones);
  const dtstamp = readDateTime(event.getFirstProperty('dtstamp'), zones);
  const dtstart = readDateTime(event.getFirstProperty('dtstart'), zones);
  const dtend = readDateTime(event.getFirstProperty('dtend'), zones);
  const durationValue = event.getFirstPropertyValue('duration');
  const durationSeconds = durationValue instanceof ical().Duration ? durationValue.toSeconds() : undefined;
  const attendeeProps = event.getAllProperties('attendee');
  const attendees = attendeeProps.map(readAttendee);
  const comment = readComment(event, attendeeProps);
  const { proposal, proposalError } = readProposal(method, event, attendeeProps, zones);
  const prodId = calendar.getFirstPropertyValue('prodid');

  const reply: ParsedReply = {
    method,
    methodSource,
    uid,
    sequence,
    ...(recurrenceId ? { recurrenceId } : {}),
    ...(dtstamp?.iso && !dtstamp.allDay ? { dtstamp: dtstamp.iso } : {}),
    ...(dtstart ? { dtstart } : {}),
    ...(dtend ? { dtend } : {}),
    ...(durationSeconds !== undefined && Number.isFinite(durationSeconds) ? { durationSeconds } : {}),
    organizer,
    attendees,
    ...(comment ? { comment } : {}),
    ...(proposal ? { proposal } : {}),
    ...(proposalError ? { proposalError } : {}),
    ...(typeof prodId === 'string' ? { prodId: prodId.slice(0, 200) } : {}),
  };
  return { ok: true, reply };
}

type Refusal = Extract<ParseReplyResult, { ok: false }>;

/** The one VCALENDAR of the text, strictly read (structure, then ical.js, then VERSION). */
function readVCalendar(icsText: string): { ok: true; calendar: ICAL.Component } | Refusal {
  if (typeof icsText !== 'string') return refuse('malformed_ical', 'not text');
  if (icsText.length > MAX_REPLY_ICS_LENGTH) return refuse('malformed_ical', 'calendar too large');
  const text = icsText.replace(/^\uFEFF/, '');
  const structural = checkStructure(text);
  if (structural) return refuse('malformed_ical', structural);

  let jcal: unknown;
  try {
    jcal = ical().parse(text);
  } catch (error) {
    return refuse('malformed_ical', describe(error));
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') return refuse('malformed_ical', 'not one VCALENDAR');
  const calendar = new (ical().Component)(jcal);

  const version = single(calendar, 'version');
  if (version === 'many') return refuse('malformed_ical', 'VERSION more than once');
  if (version && String(version.getFirstValue()).trim() !== '2.0')
    return refuse('malformed_ical', 'VERSION is not 2.0');
  return { ok: true, calendar };
}

/** The body's METHOD, else the MIME `method=` parameter, and which of the two it came from. */
function readMethod(
  calendar: ICAL.Component,
  options: ParseReplyOptions,
): { ok: true; method: string | null; methodSource: ParsedReply['methodSource'] } | Refusal {
  const methodProp = single(calendar, 'method');
  if (methodProp === 'many') return refuse('malformed_ical', 'METHOD more than once');
  const bodyMethod = methodProp
    ? String(methodProp.getFirstValue() ?? '')
        .trim()
        .toUpperCase()
    : '';
  const mimeMethod = (options.mimeMethod ?? '').trim().toUpperCase();
  const method = bodyMethod || mimeMethod || null;
  const methodSource = bodyMethod ? 'body' : mimeMethod ? 'mime' : null;
  return { ok: true, method, methodSource };
}

/** UID, SEQUENCE and ORGANIZER of the VEVENT, and no date property given twice. */
function readIdentity(
  event: ICAL.Component,
): { ok: true; uid: string; sequence: number; organizer: string | null } | Refusal {
  const uidProp = single(event, 'uid');
  if (uidProp === 'many') return refuse('malformed_ical', 'UID more than once');
  const uid = uidProp ? String(uidProp.getFirstValue() ?? '').trim() : '';
  if (uid.length === 0) return refuse('missing_uid', 'VEVENT has no UID');
  if (uid.length > 1000) return refuse('malformed_ical', 'UID too long');

  const seqProp = single(event, 'sequence');
  if (seqProp === 'many') return refuse('malformed_ical', 'SEQUENCE more than once');
  const sequence = seqProp ? seqProp.getFirstValue() : 0;
  if (
    typeof sequence !== 'number' ||
    !Number.isSafeInteger(sequence) ||
    sequence < 0 ||
    sequence > 2 ** 31 - 1
  )
    return refuse('malformed_ical', 'SEQUENCE is not a non-negative integer');

  const organizerProp = single(event, 'organizer');
  if (organizerProp === 'many') return refuse('malformed_ical', 'ORGANIZER more than once');
  const organizer = organizerProp
    ? calAddressKeepingLocalCase(String(organizerProp.getFirstValue() ?? ''))
    : null;

  for (const name of ['recurrence-id', 'dtstamp', 'dtstart', 'dtend', 'duration']) {
    if (single(event, name) === 'many')
      return refuse('malformed_ical', `${name.toUpperCase()} more than once`);
  }
  return { ok: true, uid, sequence, organizer };
}

/**
 * What ical.js tolerates but a strict reader must not: control characters (RFC 5545 §3.3.11 TEXT
 * excludes CTLs; NUL is a classic smuggling trick), END names that do not match their BEGIN,
 * several or unterminated objects, and anything after END:VCALENDAR.
 */
function checkStructure(text: string): string | null {
  if (hasControlCharacter(text, '\t\r\n')) return 'control characters';
  if (/\r(?!\n)/.test(text)) return 'bare CR';
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const stack: string[] = [];
  let seenCalendar = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = /^(BEGIN|END):(.*)$/i.exec(line);
    if (seenCalendar && stack.length === 0) return 'content after END:VCALENDAR';
    // ical.js reads SEQUENCE:1.5 as 1; RFC 5545 §3.8.7.4 wants a non-negative integer, as written.
    const sequence = /^SEQUENCE(?:;[^:]*)?:(.*)$/i.exec(line);
    if (sequence && !/^\+?\d{1,10}$/.test(sequence[1].trim()))
      return 'SEQUENCE is not a non-negative integer';
    if (!m) {
      if (stack.length === 0) return 'content outside VCALENDAR';
      continue;
    }
    const name = m[2].trim().toUpperCase();
    if (m[1].toUpperCase() === 'BEGIN') {
      if (stack.length === 0 && name !== 'VCALENDAR') return `top-level ${name} is not VCALENDAR`;
      if (stack.length >= MAX_COMPONENT_DEPTH) return 'components nested too deep';
      stack.push(name);
      seenCalendar = true;
    } else {
      const open = stack.pop();
      if (open !== name) return `END:${name} closes ${open ?? 'nothing'}`;
    }
  }
  if (!seenCalendar) return 'no VCALENDAR';
  if (stack.length > 0) return `unterminated ${stack[stack.length - 1]}`;
  return null;
}

function readAttendee(property: ICAL.Property): ReplyAttendee {
  const value = String(property.getFirstValue() ?? '');
  const emailParam = paramValues(property, 'email')[0];
  // The CAL-ADDRESS value is the identity (RFC 5545 §3.8.4.1); EMAIL= (RFC 7986 §6.2) only helps
  // when the value is not an address at all (urn:uuid: from CalDAV servers).
  const email =
    normalizeCalAddress(value) ?? (emailParam !== undefined ? normalizeCalAddress(emailParam) : null);
  const partstat = paramValues(property, 'partstat')[0]?.trim().toUpperCase() || null;
  return {
    email,
    partstat,
    delegatedTo: addresses(paramValues(property, 'delegated-to')),
    delegatedFrom: addresses(paramValues(property, 'delegated-from')),
  };
}

/**
 * The attendee's note. RFC 5546 §3.2.3 uses COMMENT (BlackBerry); Apple sends
 * X-CALENDARSERVER-PRIVATE-COMMENT, others X-RESPONSE-COMMENT or similar X-…-COMMENT properties, and
 * Google an X-RESPONSE-COMMENT parameter on the ATTENDEE.
 */
function readComment(event: ICAL.Component, attendeeProps: ICAL.Property[]): string | undefined {
  const notes: string[] = [];
  for (const property of event.getAllProperties('comment')) notes.push(textValue(property));
  if (notes.length === 0) {
    for (const property of event.getAllProperties()) {
      if (/^x-[a-z0-9-]*comment$/i.test(property.name)) notes.push(textValue(property));
    }
  }
  if (notes.length === 0) {
    for (const property of attendeeProps) notes.push(...paramValues(property, 'x-response-comment'));
  }
  const text = notes
    .map((n) => stripControlCharacters(n.replace(/\r\n?/g, '\n'), '\t\n'))
    .join('\n')
    .trim();
  return text.length === 0 ? undefined : text.slice(0, MAX_REPLY_COMMENT_LENGTH);
}

/**
 * A COUNTER proposes the times it carries (RFC 5546 §3.2.7). A REPLY proposes nothing by itself,
 * except Apple's: iOS answers "propose new time" with PARTSTAT=TENTATIVE and the new start in the
 * ATTENDEE parameter TO-ALL-PROPOSED-NEW-TIME="DTSTART:…;STATUS:;", keeping the old DTSTART.
 */
function readProposal(
  method: string | null,
  event: ICAL.Component,
  attendeeProps: ICAL.Property[],
  zones: ZoneTable,
): { proposal?: ProposedTime; proposalError?: string } {
  const dtstart = readDateTime(event.getFirstProperty('dtstart'), zones);
  const dtend = readDateTime(event.getFirstProperty('dtend'), zones);
  const durationValue = event.getFirstPropertyValue('duration');
  const duration = durationValue instanceof ical().Duration ? durationValue.toSeconds() : null;
  const eventSeconds = dtstart && dtend ? secondsBetween(dtstart, dtend) : duration;

  if (method === 'COUNTER') {
    if (!dtstart) return { proposalError: 'COUNTER without DTSTART' };
    if (dtstart.iso === null) return { proposalError: 'COUNTER start cannot be placed in time' };
    const end = dtend?.iso ?? (duration !== null ? addSeconds(dtstart.iso, dtstart.allDay, duration) : null);
    return { proposal: { start: dtstart.iso, end, allDay: dtstart.allDay, source: 'counter' } };
  }

  const raw = attendeeProps
    .map((p) => paramValues(p, 'to-all-proposed-new-time')[0])
    .find((v) => v !== undefined);
  if (raw === undefined) return {};
  const entries = new Map<string, string>();
  for (const entry of raw.split(';')) {
    const colon = entry.indexOf(':');
    if (colon > 0) entries.set(entry.slice(0, colon).trim().toUpperCase(), entry.slice(colon + 1).trim());
  }
  const floatingTzid = dtstart?.tzid;
  const startValue = entries.get('DTSTART');
  const start: ReplyDateTime | undefined = startValue
    ? readCompactValue(startValue, floatingTzid, zones)
    : undefined;
  if (!start || start.iso === null)
    return { proposalError: 'TO-ALL-PROPOSED-NEW-TIME without a usable DTSTART' };
  const endValue = entries.get('DTEND');
  const explicitEnd = endValue ? readCompactValue(endValue, floatingTzid, zones) : undefined;
  const end =
    explicitEnd?.iso ?? (eventSeconds !== null ? addSeconds(start.iso, start.allDay, eventSeconds) : null);
  return { proposal: { start: start.iso, end, allDay: start.allDay, source: 'apple-proposed-new-time' } };
}

function single(component: ICAL.Component, name: string): ICAL.Property | null | 'many' {
  const all = component.getAllProperties(name);
  return all.length > 1 ? 'many' : (all[0] ?? null);
}

function paramValues(property: ICAL.Property, name: string): string[] {
  const value: unknown = property.getParameter(name);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function addresses(values: string[]): string[] {
  return values.map(normalizeCalAddress).filter((v): v is string => v !== null);
}

// ical.js unescapes TEXT values it knows (COMMENT) but hands X- properties over raw.
function textValue(property: ICAL.Property): string {
  const value = String(property.getFirstValue() ?? '');
  if (property.type === 'text') return value;
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** C0 controls and DEL, except those listed in `allowed`. */
function isControl(code: number, allowed: string): boolean {
  return (code < 0x20 || code === 0x7f) && !allowed.includes(String.fromCharCode(code));
}

function hasControlCharacter(text: string, allowed: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i), allowed)) return true;
  return false;
}

function stripControlCharacters(text: string, allowed: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (!isControl(text.charCodeAt(i), allowed)) out += text[i];
  return out;
}

function refuse(reason: ReplyRefusalReason, detail: string): Refusal {
  return { ok: false, reason, detail: detail.slice(0, 300) };
}

// ical.js quotes the offending line in its messages; details are logged, so keep content out.
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : 'not an Error';
  return message.replace(/"[^"]*"?/g, '"…"').replace(/'[^']*'?/g, "'…'");
}
