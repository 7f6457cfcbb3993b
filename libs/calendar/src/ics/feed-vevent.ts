import { EventLabels } from '../event-labels';
import { foldLine } from './ics-writer';
import { zonedLocalTimes } from './time-zones';
import { veventValues, VEventSpec } from './vevent';

/*
 * The VEVENTs of feeds, written directly. A 2,000-event feed through ical-generator spent most of
 * its ~300–700 ms building an ICalEvent per entry (option parsing, a Luxon DateTime per instant)
 * and in its generic toString; feeds are rebuilt whenever a group changes and must take < 60 ms
 * (issue 14). Invitations stay on ical-generator (`addEvent`).
 *
 * The text is the one ical-generator 10 writes for the same `VEventSpec`, byte for byte: the same
 * properties in the same order, the same escaping, the same folding (`foldLine`, at 75 octets,
 * never inside a UTF-8 sequence), CRLF. The values come from `veventValues`, which both paths use;
 * feed-vevent.spec.ts compares the two writers on a varied set of events.
 */

// ical-generator's escaping of TEXT (RFC 5545 §3.3.11): backslash, semicolon and comma get a
// backslash, every line break (CRLF, CR, LF) becomes `\n`.
const TEXT_SPECIALS = /[\\;,\r\n]/;
const TEXT_ESCAPES = /\r\n|[\\;,\r\n]/g;
const textEscape = (c: string): string => (c.length === 1 && c !== '\r' && c !== '\n' ? `\\${c}` : '\\n');

/** A TEXT value escaped as ical-generator escapes it, in one pass. */
export function escapeText(value: string): string {
  return TEXT_SPECIALS.test(value) ? value.replace(TEXT_ESCAPES, textEscape) : value;
}

// A quoted parameter value (CN): ical-generator backslash-escapes `\` and `"` (already removed by
// icsParamText, so this changes nothing for Hearth's values; kept for byte equality).
const escapeParam = (value: string): string =>
  value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** An instant as UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (milliseconds dropped). */
export function utcDateTime(at: Date): string {
  return (
    String(at.getUTCFullYear()).padStart(4, '0') +
    pad2(at.getUTCMonth() + 1) +
    pad2(at.getUTCDate()) +
    'T' +
    pad2(at.getUTCHours()) +
    pad2(at.getUTCMinutes()) +
    pad2(at.getUTCSeconds()) +
    'Z'
  );
}

const line = (content: string): string => `${foldLine(content)}\r\n`;

/**
 * One feed VEVENT, folded and ending in CRLF. The TZID its times use, if any, is added to
 * `tzids` (in first-use order, as the VTIMEZONEs are written). `labels` are the feed language's.
 */
export function writeFeedVevent(spec: VEventSpec, labels: EventLabels, tzids: Set<string>): string {
  const { event } = spec;
  const values = veventValues(spec, labels);
  const zoned = zonedLocalTimes(event.timezone, [event.startsAt, event.endsAt]);

  let out = `BEGIN:VEVENT\r\n${line(`UID:${values.uid}`)}SEQUENCE:${spec.sequence}\r\n`;
  out += `DTSTAMP:${utcDateTime(spec.dtstamp)}\r\n`;
  if (zoned) {
    tzids.add(zoned.tzid);
    out += line(`DTSTART;TZID=${zoned.tzid}:${zoned.locals[0]}`);
    out += line(`DTEND;TZID=${zoned.tzid}:${zoned.locals[1]}`);
  } else {
    out += `DTSTART:${utcDateTime(event.startsAt)}\r\nDTEND:${utcDateTime(event.endsAt)}\r\n`;
  }
  out += line(`SUMMARY:${escapeText(values.summary)}`);
  if (spec.transparency) out += `TRANSP:${spec.transparency}\r\n`;
  if (values.location) out += line(`LOCATION:${escapeText(values.location)}`);
  out += line(`DESCRIPTION:${escapeText(values.description)}`);
  if (values.organizer) {
    const { name, email } = values.organizer;
    out += line(`ORGANIZER;CN="${escapeParam(name)}":mailto:${escapeText(email)}`);
  }
  if (values.attendee) {
    const { name, email, partstat, rsvp } = values.attendee;
    let attendee = `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat}`;
    if (rsvp) attendee += ';RSVP=TRUE';
    if (name) attendee += `;CN="${escapeParam(name)}"`;
    out += line(`${attendee}:MAILTO:${escapeText(email)}`);
  }
  out += line(`URL;VALUE=URI:${escapeText(values.url)}`);
  if (spec.status) out += `STATUS:${spec.status}\r\n`;
  if (spec.private) out += 'CLASS:PRIVATE\r\n';
  return `${out}END:VEVENT\r\n`;
}
