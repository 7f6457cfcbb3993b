import { classifyReply, ParsedReply, parseReplyCalendar, ReplyIntent } from '@app/calendar';
import { simpleParser } from 'mailparser';
import { listInteropReplies } from '../support/readdress';

// Runs under `npm run test:interop` (the corpus lives in ../shared, beside the checkout, not in it).
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

  it('reads Apple’s SEQUENCE', async () => {
    const { text } = await calendarOf(file('apple-ical3-mail-reply-accepted.eml').raw, false);
    expect(parsed(text).sequence).toBe(7);
  });
});
