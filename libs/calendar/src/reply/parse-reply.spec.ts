import { simpleParser } from 'mailparser';
import { listInteropReplies } from '../../../../test/support/readdress';
import { classifyReply } from './classify-reply';
import { parseReplyCalendar } from './parse-reply';
import { ParsedReply, ReplyIntent } from './reply.types';

const corpus = listInteropReplies();

/** The calendar text of a corpus file: the file itself, or its first text/calendar part. */
async function calendarOf(raw: Buffer, bare: boolean): Promise<{ text: string; mimeMethod: string | null }> {
  if (bare) return { text: raw.toString('utf8'), mimeMethod: null };
  const mail = await simpleParser(raw);
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar') ?? mail.attachments[0];
  const params = (part.headers.get('content-type') as { params?: Record<string, string> } | undefined)
    ?.params;
  return { text: part.content.toString('utf8'), mimeMethod: params?.method ?? null };
}

function parsed(text: string, mimeMethod?: string | null): ParsedReply {
  const result = parseReplyCalendar(text, { mimeMethod });
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}: ${result.detail}`);
  return result.reply;
}

function intentOf(text: string): ReplyIntent {
  return classifyReply(parsed(text));
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

describe('parseReplyCalendar + classifyReply on the interop corpus', () => {
  it('finds the corpus with both e-mails and bare calendars', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(21);
    expect(corpus.some((c) => c.bare)).toBe(true);
  });

  it.each(corpus.map((c) => [c.file, c] as const))('reads %s as its named answer', async (_file, c) => {
    const { text, mimeMethod } = await calendarOf(c.raw, c.bare);
    const intent = classifyReply(parsed(text, mimeMethod));
    expect(intent.kind).toBe(c.expected.kind);
    if (intent.kind === 'refused') return;
    expect(intent.attendee).toBe(c.expected.attendee);
    if (c.expected.partstat) expect(intent.kind === 'rsvp' && intent.partstat).toBe(c.expected.partstat);
    expect(intent.uid.length).toBeGreaterThan(0);
  });

  it('survives every truncation of every corpus calendar without throwing', async () => {
    for (const c of corpus) {
      const { text } = await calendarOf(c.raw, c.bare);
      for (let cut = 0; cut < text.length; cut += 13) {
        const result = parseReplyCalendar(text.slice(0, cut));
        if (result.ok) classifyReply(result.reply);
        else expect(result.reason).toEqual(expect.any(String));
      }
    }
  });
});

describe('what the corpus taught', () => {
  const file = (name: string) => {
    const c = corpus.find((x) => x.file === name);
    if (!c) throw new Error(`corpus file ${name} missing`);
    return c;
  };

  it('reads Google’s COUNTER labelled method=REPLY as a proposal of its own times (body METHOD wins)', async () => {
    const { text, mimeMethod } = await calendarOf(file('google-counter-propose-new-time.eml').raw, false);
    expect(mimeMethod).toBe('REPLY');
    const p = parsed(text, mimeMethod);
    expect(p.method).toBe('COUNTER');
    expect(p.methodSource).toBe('body');
    expect(classifyReply(p)).toMatchObject({
      kind: 'proposal',
      method: 'COUNTER',
      attendee: 'max@gmail.com',
      proposal: {
        start: '2021-01-13T18:45:00.000Z',
        end: '2021-01-13T19:45:00.000Z',
        allDay: false,
        source: 'counter',
      },
    });
  });

  it('reads iOS’s REPLY + TO-ALL-PROPOSED-NEW-TIME as a tentative proposal, keeping the event’s length', () => {
    const intent = intentOf(file('ios-reply-propose-new-time.ics').raw.toString('utf8'));
    expect(intent).toMatchObject({
      kind: 'proposal',
      method: 'REPLY',
      partstat: 'TENTATIVE',
      attendee: 'david@b-m.lan',
      proposal: {
        start: '2020-12-25T08:30:00.000Z',
        end: '2020-12-25T09:00:00.000Z',
        source: 'apple-proposed-new-time',
      },
    });
    expect(intent.kind !== 'refused' && intent.comment).toContain(
      'Can we move this event to tomorrow at 09:30?',
    );
  });

  it('reads the attendee note from COMMENT (BlackBerry) and X-CALENDARSERVER-PRIVATE-COMMENT (iOS), unescaped', async () => {
    expect(intentOf(file('blackberry-reply-accepted-with-comment.ics').raw.toString('utf8'))).toMatchObject({
      comment: 'ok for me',
    });
    const { text } = await calendarOf(file('ios-reply-accepted.eml').raw, false);
    expect(parsed(text).comment).toBe('Annotation');
  });

  it('ignores the ATTENDEE of a VALARM inside the VEVENT (Google’s e-mail alarm names the organizer)', async () => {
    const { text } = await calendarOf(file('google-reply-with-valarm-qp.eml').raw, false);
    expect(text).toMatch(/BEGIN:VALARM[\s\S]*ATTENDEE:mailto:sylvain/);
    expect(parsed(text).attendees).toEqual([
      { email: 'marieg@isynet.org', partstat: 'ACCEPTED', delegatedTo: [], delegatedFrom: [] },
    ]);
  });

  it('lower-cases attendees sent as MAILTO: and unfolds an address folded with a TAB (Android)', async () => {
    const { text } = await calendarOf(file('android-email-reply-accepted.eml').raw, false);
    expect(text).toContain('MAILTO:david.phan@blue-m\r\n\tind.net');
    expect(parsed(text).attendees[0].email).toBe('david.phan@blue-mind.net');
  });

  it('accepts an ORGANIZER without mailto: (Google 2017 as stored by tine20)', () => {
    expect(parsed(file('google-reply-accepted-2017.ics').raw.toString('utf8')).organizer).toBe(
      'unittest@tine20.org',
    );
  });

  it('reads METHOD written after the VEVENT (tine20 puts it last)', () => {
    const text = reply(['UID:u1', ATTENDEE], []).replace('END:VCALENDAR', 'METHOD:REPLY\r\nEND:VCALENDAR');
    expect(text.indexOf('METHOD:REPLY')).toBeGreaterThan(text.indexOf('END:VEVENT'));
    expect(classifyReply(parsed(text))).toMatchObject({ kind: 'rsvp', method: 'REPLY' });
  });

  it('reads SEQUENCE, defaulting to 0', async () => {
    const { text } = await calendarOf(file('apple-ical3-mail-reply-accepted.eml').raw, false);
    expect(parsed(text).sequence).toBe(7);
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
