import { classifyReply } from './classify-reply';
import { parseReplyCalendar } from './parse-reply';
import { ParsedReply } from './reply.types';

// The interop corpus (../shared/interop) cases are in test/interop/parse-reply.interop-spec.ts.

function parsed(text: string, mimeMethod?: string | null): ParsedReply {
  const result = parseReplyCalendar(text, { mimeMethod });
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}: ${result.detail}`);
  return result.reply;
}

const lines = (...l: string[]) => l.join('\r\n') + '\r\n';
const reply = (event: string[], calendar: string[] = ['METHOD:REPLY']) =>
  lines(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...calendar,
    'BEGIN:VEVENT',
    ...event,
    'END:VEVENT',
    'END:VCALENDAR',
  );
const ATTENDEE = 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:member@example.org';

describe('what the corpus taught, without the corpus', () => {
  it('reads METHOD written after the VEVENT (tine20 puts it last)', () => {
    const text = reply(['UID:u1', ATTENDEE], []).replace('END:VCALENDAR', 'METHOD:REPLY\r\nEND:VCALENDAR');
    expect(text.indexOf('METHOD:REPLY')).toBeGreaterThan(text.indexOf('END:VEVENT'));
    expect(classifyReply(parsed(text))).toMatchObject({ kind: 'rsvp', method: 'REPLY' });
  });

  it('reads SEQUENCE, defaulting to 0', () => {
    expect(parsed(reply(['UID:u1', 'SEQUENCE:7', ATTENDEE])).sequence).toBe(7);
    expect(parsed(reply(['UID:u1', ATTENDEE])).sequence).toBe(0);
  });
});

describe('parseReplyCalendar details', () => {
  it('keeps the case of the ORGANIZER local part (it carries the reply token) and lower-cases the domain', () => {
    const p = parsed(
      reply(['UID:u1', 'ORGANIZER:MAILTO:rsvp+AbC-_xYz0123456789@Inbound.Example.ORG', ATTENDEE]),
    );
    expect(p.organizer).toBe('rsvp+AbC-_xYz0123456789@inbound.example.org');
  });

  it('falls back to the MIME method= only when the body has no METHOD', () => {
    expect(parsed(reply(['UID:u1', ATTENDEE], []), 'reply')).toMatchObject({
      method: 'REPLY',
      methodSource: 'mime',
    });
    expect(parsed(reply(['UID:u1', ATTENDEE], ['METHOD:CANCEL']), 'REPLY')).toMatchObject({
      method: 'CANCEL',
      methodSource: 'body',
    });
    expect(parsed(reply(['UID:u1', ATTENDEE], []))).toMatchObject({ method: null, methodSource: null });
  });

  it('resolves RECURRENCE-ID through the calendar’s own VTIMEZONE, even with a Windows display-name TZID', () => {
    const text = lines(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'METHOD:REPLY',
      'BEGIN:VTIMEZONE',
      'TZID:Sarajevo, Skopje, Warsaw, Zagreb',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:series-1',
      'RECURRENCE-ID;TZID="Sarajevo, Skopje, Warsaw, Zagreb":20260714T180000',
      ATTENDEE,
      'END:VEVENT',
      'END:VCALENDAR',
    );
    expect(parsed(text).recurrenceId).toEqual({
      value: '20260714T180000',
      tzid: 'Sarajevo, Skopje, Warsaw, Zagreb',
      allDay: false,
      iso: '2026-07-14T16:00:00.000Z',
    });
  });

  it('resolves an IANA TZID without VTIMEZONE, and leaves abbreviations and floating times unresolved', () => {
    const rid = (v: string) => parsed(reply(['UID:u1', `RECURRENCE-ID${v}`, ATTENDEE])).recurrenceId?.iso;
    expect(rid(';TZID=Europe/Berlin:20260110T180000')).toBe('2026-01-10T17:00:00.000Z');
    expect(rid(';TZID=CET:20260110T180000')).toBeNull();
    expect(rid(':20260110T180000')).toBeNull();
    expect(rid(';VALUE=DATE:20260110')).toBe('2026-01-10');
  });

  it('carries the answered copy’s DTSTART and DTEND (or DURATION) into the intent', () => {
    const answer = classifyReply(
      parsed(
        reply(['UID:u1', 'DTSTART;TZID=Europe/Berlin:20260110T180000', 'DTEND:20260110T190000Z', ATTENDEE]),
      ),
    );
    expect(answer).toMatchObject({
      kind: 'rsvp',
      dtstart: { value: '20260110T180000', tzid: 'Europe/Berlin', iso: '2026-01-10T17:00:00.000Z' },
      dtend: { value: '20260110T190000Z', iso: '2026-01-10T19:00:00.000Z' },
    });
    const floating = classifyReply(
      parsed(reply(['UID:u1', 'DTSTART:20260110T180000', 'DURATION:PT2H', ATTENDEE])),
    );
    expect(floating).toMatchObject({ dtstart: { iso: null }, durationSeconds: 7200 });
    expect(classifyReply(parsed(reply(['UID:u1', ATTENDEE])))).not.toHaveProperty('dtstart');
  });

  it('reads a COUNTER with DURATION and an all-day COUNTER', () => {
    const counter = (e: string[]) =>
      classifyReply(parsed(reply(['UID:u1', ATTENDEE, ...e], ['METHOD:COUNTER'])));
    expect(counter(['DTSTART:20260110T180000Z', 'DURATION:PT90M'])).toMatchObject({
      kind: 'proposal',
      proposal: { start: '2026-01-10T18:00:00.000Z', end: '2026-01-10T19:30:00.000Z' },
    });
    expect(counter(['DTSTART;VALUE=DATE:20260110', 'DTEND;VALUE=DATE:20260111'])).toMatchObject({
      proposal: { start: '2026-01-10', end: '2026-01-11', allDay: true },
    });
    expect(counter([])).toMatchObject({ kind: 'refused', reason: 'invalid_proposal' });
    expect(counter(['DTSTART:20260110T180000'])).toMatchObject({
      kind: 'refused',
      reason: 'invalid_proposal',
    });
  });

  it('takes Google’s X-RESPONSE-COMMENT parameter and X-…-COMMENT properties as the note', () => {
    expect(
      parsed(
        reply([
          'UID:u1',
          'ATTENDEE;PARTSTAT=DECLINED;X-RESPONSE-COMMENT="Sorry, travelling":mailto:m@example.org',
        ]),
      ).comment,
    ).toBe('Sorry, travelling');
    expect(parsed(reply(['UID:u1', ATTENDEE, 'X-RESPONSE-COMMENT:See you\\, soon\\nBye'])).comment).toBe(
      'See you, soon\nBye',
    );
  });

  it('uses EMAIL= only when the CAL-ADDRESS is not an address', () => {
    const p = parsed(
      reply([
        'UID:u1',
        'ATTENDEE;PARTSTAT=ACCEPTED;EMAIL=Member@Example.org:urn:uuid:6f1c1c2e-5f2b-4d43-9a51-1d2f0e3c4b5a',
      ]),
    );
    expect(p.attendees[0].email).toBe('member@example.org');
  });

  it.each([
    [
      'END names that do not match',
      reply(['UID:u1', ATTENDEE]).replace('END:VEVENT', 'END:VTODO'),
      'malformed_ical',
    ],
    ['content after END:VCALENDAR', reply(['UID:u1', ATTENDEE]) + 'X-TRAILER:1\r\n', 'malformed_ical'],
    ['two calendars', reply(['UID:u1', ATTENDEE]).repeat(2), 'malformed_ical'],
    ['NUL in a value', reply(['UID:u1\u0000x', ATTENDEE]), 'malformed_ical'],
    ['a bare CR', reply(['UID:u1\rX:1', ATTENDEE]), 'malformed_ical'],
    ['SEQUENCE:1.5 (ical.js would read 1)', reply(['UID:u1', 'SEQUENCE:1.5', ATTENDEE]), 'malformed_ical'],
    ['two UIDs', reply(['UID:u1', 'UID:u2', ATTENDEE]), 'malformed_ical'],
    [
      'two ORGANIZERs',
      reply(['UID:u1', 'ORGANIZER:mailto:a@x.org', 'ORGANIZER:mailto:b@x.org', ATTENDEE]),
      'malformed_ical',
    ],
    ['VERSION:1.0', reply(['UID:u1', ATTENDEE]).replace('VERSION:2.0', 'VERSION:1.0'), 'malformed_ical'],
    ['a VCARD', lines('BEGIN:VCARD', 'FN:x', 'END:VCARD'), 'malformed_ical'],
    ['an empty text', '', 'malformed_ical'],
    ['no VEVENT', lines('BEGIN:VCALENDAR', 'METHOD:REPLY', 'END:VCALENDAR'), 'no_event'],
    [
      'a REQUEST with two VEVENTs as not_reply',
      reply(['UID:u1', ATTENDEE, 'END:VEVENT', 'BEGIN:VEVENT', 'UID:u1', ATTENDEE], ['METHOD:REQUEST']),
      'not_reply',
    ],
    [
      'two VEVENTs',
      reply(['UID:u1', ATTENDEE, 'END:VEVENT', 'BEGIN:VEVENT', 'UID:u1', ATTENDEE]),
      'multiple_events',
    ],
    ['no UID', reply([ATTENDEE]), 'missing_uid'],
    ['an empty UID', reply(['UID:', ATTENDEE]), 'missing_uid'],
  ])('refuses %s', (_name, text, reason) => {
    expect(parseReplyCalendar(text)).toMatchObject({ ok: false, reason });
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      {},
      'x'.repeat(300_000),
      '\uFEFF' + reply(['UID:u1', ATTENDEE]),
    ];
    for (const input of inputs) expect(() => parseReplyCalendar(input as string)).not.toThrow();
    expect(parseReplyCalendar(inputs[5] as string).ok).toBe(true);
  });
});

describe('classifyReply', () => {
  const intent = (event: string[], method = 'REPLY') =>
    classifyReply(parsed(reply(['UID:u1', ...event], [`METHOD:${method}`])));

  it.each(['ACCEPTED', 'TENTATIVE', 'DECLINED'])('turns PARTSTAT=%s into an rsvp', (partstat) => {
    expect(intent([`ATTENDEE;PARTSTAT=${partstat.toLowerCase()}:MAILTO:Member@Example.org`])).toEqual({
      kind: 'rsvp',
      method: 'REPLY',
      uid: 'u1',
      sequence: 0,
      attendee: 'member@example.org',
      organizer: null,
      partstat,
    });
  });

  it('accepts RFC 5546 §4.2.5 delegation: the delegator’s DELEGATED plus the delegate’s DELEGATED-FROM', () => {
    expect(
      intent([
        'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:friend@example.org":mailto:member@example.org',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:member@example.org":mailto:friend@example.org',
      ]),
    ).toMatchObject({
      kind: 'rsvp',
      partstat: 'DELEGATED',
      attendee: 'member@example.org',
      delegatedTo: ['friend@example.org'],
    });
    expect(
      intent(['ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:f@example.org":mailto:m@example.org']),
    ).toMatchObject({
      kind: 'rsvp',
      delegatedTo: ['f@example.org'],
    });
  });

  it.each([
    ['a PUBLISH', [ATTENDEE], 'PUBLISH', 'not_reply'],
    ['a REQUEST', [ATTENDEE], 'REQUEST', 'not_reply'],
    ['no ATTENDEE', [], 'REPLY', 'no_attendee'],
    [
      'two ATTENDEEs',
      [ATTENDEE, 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:other@example.org'],
      'REPLY',
      'multiple_attendees',
    ],
    ['the same ATTENDEE twice', [ATTENDEE, ATTENDEE], 'REPLY', 'multiple_attendees'],
    [
      'an ATTENDEE without address',
      ['ATTENDEE;PARTSTAT=ACCEPTED:urn:uuid:1234'],
      'REPLY',
      'invalid_attendee',
    ],
    [
      'NEEDS-ACTION',
      ['ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:m@example.org'],
      'REPLY',
      'unsupported_partstat',
    ],
    ['no PARTSTAT', ['ATTENDEE:mailto:m@example.org'], 'REPLY', 'unsupported_partstat'],
    ['a VTODO status', ['ATTENDEE;PARTSTAT=COMPLETED:mailto:m@example.org'], 'REPLY', 'unsupported_partstat'],
    [
      'DELEGATED to nobody',
      ['ATTENDEE;PARTSTAT=DELEGATED:mailto:m@example.org'],
      'REPLY',
      'invalid_delegation',
    ],
    [
      'an unreadable proposal',
      ['ATTENDEE;PARTSTAT=TENTATIVE;TO-ALL-PROPOSED-NEW-TIME="STATUS:;":mailto:m@example.org'],
      'REPLY',
      'invalid_proposal',
    ],
  ])('refuses %s', (_name, event, method, reason) => {
    expect(intent(event, method)).toMatchObject({ kind: 'refused', reason });
  });
});
