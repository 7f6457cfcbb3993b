import type { ICalEvent } from 'ical-generator';
import { ItipMethod } from './itip';
import { vtimezoneFor } from './time-zones';

export const PRODID = '-//Hearth//Hearth//EN';

export interface IcsHeader {
  method: ItipMethod | null;
  /** TEXT, already escaped (`escapeIcsText`). */
  name?: string | null;
  /** How often subscribers should re-fetch a feed. */
  refreshMinutes?: number | null;
}

// Octets of the UTF-8 encoding of the UTF-16 unit at `code` (4 for a high surrogate: the whole pair).
const utf8Width = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : 3;

/**
 * Folds one content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. Written here
 * because ical-generator's folder allocates a TextEncoder per character, which made a 1,000-event
 * feed take ~400 ms.
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line) <= 75) return line;
  let folded = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length;) {
    const width = utf8Width(line.charCodeAt(i));
    if (octets + width > 75) {
      folded += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 1; // the leading space of the continuation line
    }
    octets += width;
    i += width === 4 ? 2 : 1;
  }
  return folded + line.slice(start);
}

const duration = (minutes: number): string => (minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`);

/**
 * The VCALENDAR around ical-generator's VEVENTs: VERSION, PRODID, METHOD, name, refresh interval,
 * one VTIMEZONE per zone the events use, the events, all folded, every line ending in CRLF.
 */
export function writeIcs(header: IcsHeader, events: readonly ICalEvent[]): string {
  return writeIcsChunks(header, events).join('');
}

/**
 * The same text in pieces, made in one pass: each event is rendered and folded on its own (folding
 * is line-local and every VEVENT ends in CRLF), so a 2,000-event feed is never joined, split and
 * joined again as one multi-megabyte string. Callers join once, or write the pieces out.
 */
export function writeIcsChunks(header: IcsHeader, events: readonly ICalEvent[]): string[] {
  const tzids = new Set<string>();
  for (const event of events) {
    const tzid = event.timezone();
    if (tzid) tzids.add(tzid);
  }
  return calendarChunks(
    header,
    tzids,
    events.map((event) => fold(event.toString())),
  );
}

/** What comes after the VEVENTs. */
export const CALENDAR_END = 'END:VCALENDAR\r\n';

/**
 * The VCALENDAR around VEVENTs already written, folded and ending in CRLF: the header lines, one
 * VTIMEZONE per TZID (in the order given), the events, END:VCALENDAR. `vevents` becomes the result.
 */
export function calendarChunks(header: IcsHeader, tzids: Iterable<string>, vevents: string[]): string[] {
  vevents.unshift(...calendarHead(header, tzids));
  vevents.push(CALENDAR_END);
  return vevents;
}

/** What comes before the VEVENTs: the header lines, then one VTIMEZONE per TZID (in the order given). */
export function calendarHead(header: IcsHeader, tzids: Iterable<string>): string[] {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`];
  if (header.method) lines.push(`METHOD:${header.method}`);
  if (header.name) lines.push(`NAME:${header.name}`, `X-WR-CALNAME:${header.name}`);
  if (header.refreshMinutes && header.refreshMinutes > 0) {
    const every = duration(Math.round(header.refreshMinutes));
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${every}`, `X-PUBLISHED-TTL:${every}`);
  }
  const head = [`${fold(lines.join('\r\n'))}\r\n`];
  for (const tzid of tzids) head.push(`${foldedVtimezone(tzid)}\r\n`);
  return head;
}

/** Every line of `text` folded; the line breaks are CRLF. */
const fold = (text: string): string => text.split('\r\n').map(foldLine).join('\r\n');

// A zone's VTIMEZONE is the same text in every message (vtimezoneFor caches it): fold it once.
const foldedVtimezones = new Map<string, string>();

function foldedVtimezone(tzid: string): string {
  let folded = foldedVtimezones.get(tzid);
  if (folded === undefined) {
    const vtimezone = vtimezoneFor(tzid);
    if (!vtimezone) throw new Error(`no VTIMEZONE for ${tzid}`);
    folded = fold(vtimezone);
    foldedVtimezones.set(tzid, folded);
  }
  return folded;
}
