import { simpleParser } from 'mailparser';
import {
  encodeBody,
  encodeUnstructured,
  encodedWords,
  foldHeader,
  quotedPrintable,
  textTransferEncoding,
} from './mime-encoding';
import { MimeSource, MimeWriter } from './mime-writer';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:evt-1@hearth.example',
  'SUMMARY:لقاء تعارف افتراضي',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
const ARABIC_SUBJECT = 'دعوة: لقاء تعارف افتراضي · الخميس، ٢ يوليو ٢٠٢٦، ٧:٠٠–٨:٣٠ م غرينتش+٣';

function row(overrides: Partial<MimeSource> = {}): MimeSource {
  return {
    recipient: 'sam@example.org',
    subject: 'Invitation: Winter meetup',
    textBody: 'Hi Sam,\n\nYou are invited.\n',
    htmlBody: '<p>Hi Sam,</p>\n<p>You are <b>invited</b>.</p>\n',
    headers: {},
    calendar: null,
    attachments: [],
    messageId: '<m1@hearth.example>',
    ...overrides,
  };
}

const writer = new MimeWriter('Hearth <no-reply@hearth.example>');
const DATE = new Date('2026-12-07T06:39:08Z');

/** Top-level header block (unfolded) of a raw message. */
function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
}

describe('MimeWriter', () => {
  it('writes CRLF lines of at most 78 (headers) / 76 (bodies) characters, 7-bit only', () => {
    const { raw } = writer.write(
      row({
        subject: ARABIC_SUBJECT,
        textBody: 'نص عربي طويل '.repeat(40),
        calendar: { method: 'REQUEST', filename: 'invite.ics', content: ICS },
      }),
    );
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(Buffer.from(raw, 'utf8').length).toBe(raw.length);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('writes the standard headers after the row headers, in nodemailer order', () => {
    const { raw, envelope } = writer.write(
      row({
        recipient: 'Sam Doe <sam@example.org>',
        headers: {
          'Reply-To': 'Rainbow Circle <rsvp+abc@in.hearth.example>',
          'List-Unsubscribe': '<https://hearth.example/unsubscribe/u1>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }),
      DATE,
    );
    const names = headerBlock(raw)
      .split('\r\n')
      .map((l) => l.slice(0, l.indexOf(':')));
    expect(names).toEqual([
      'Reply-To',
      'List-Unsubscribe',
      'List-Unsubscribe-Post',
      'From',
      'To',
      'Subject',
      'Message-ID',
      'Date',
      'MIME-Version',
      'Content-Type',
    ]);
    expect(raw).toContain('Date: Mon, 07 Dec 2026 06:39:08 +0000\r\n');
    expect(raw).toContain('To: Sam Doe <sam@example.org>\r\n');
    expect(raw).toContain('Reply-To: Rainbow Circle <rsvp+abc@in.hearth.example>\r\n');
    expect(envelope).toEqual({ from: 'no-reply@hearth.example', to: ['sam@example.org'] });
  });

  it('never lets a row header override the standard ones or inject lines', () => {
    const { raw } = writer.write(
      row({
        headers: { From: 'evil@example.com', 'X-Note': 'a\r\nBcc: victim@example.com', 'Bad\r\nName': 'x' },
      }),
    );
    const block = headerBlock(raw);
    expect(block).not.toContain('evil@example.com');
    expect(block).not.toMatch(/^Bcc:/m);
    expect(block).toContain('X-Note: a Bcc: victim@example.com');
    expect(block).toContain('BadName: x');
  });

  it('quotes and encodes display names', async () => {
    const { raw } = writer.write(row({ recipient: '"Doe, Sam" <sam@example.org>' }));
    expect(raw).toContain('To: "Doe, Sam" <sam@example.org>\r\n');
    const arabic = new MimeWriter('"هيرث" <no-reply@hearth.example>').write(
      row({ recipient: 'ليلى <layla@example.org>' }),
    );
    const parsed = await simpleParser(arabic.raw);
    expect(parsed.from?.value[0]).toEqual({ name: 'هيرث', address: 'no-reply@hearth.example' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : null).toEqual({
      name: 'ليلى',
      address: 'layla@example.org',
    });
  });

  it('round-trips an Arabic subject through encoded-words folded over several lines', async () => {
    const { raw } = writer.write(row({ subject: ARABIC_SUBJECT }));
    const subjectLines = raw.slice(raw.indexOf('Subject:')).split('\r\n');
    expect(subjectLines[1]).toMatch(/^ =\?UTF-8\?B\?/);
    expect((await simpleParser(raw)).subject).toBe(ARABIC_SUBJECT);
  });

  it('folds a long ASCII subject at spaces and keeps it whole', async () => {
    const subject = 'Reminder: Winter meetup: "Coming out, together" · Thu 15 Jan, 19:00 '.repeat(2).trim();
    const plain = subject.replace('·', '-').replace('·', '-');
    const { raw } = writer.write(row({ subject: plain }));
    expect(headerBlock(raw)).toContain(`Subject: ${plain}\r\n`);
    expect((await simpleParser(raw)).subject).toBe(plain);
  });

  it('writes text and html as multipart/alternative and parses back to the same bodies', async () => {
    const text = 'Hi Sam,\n\nAn event on Thu · 19:00 – ' + 'x'.repeat(120) + '\n';
    const html =
      '<p style="margin:0">مرحبًا ليلى، <a href="https://hearth.example/r/1?answer=going">Go</a></p>\n';
    const { raw } = writer.write(row({ textBody: text, htmlBody: html }));
    expect(headerBlock(raw)).toMatch(/Content-Type: multipart\/alternative; boundary="[^"]+"/);
    expect(raw).toContain(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable',
    );
    const parsed = await simpleParser(raw);
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(html);
  });

  it('writes a lone text body as a single part', async () => {
    const { raw } = writer.write(row({ htmlBody: null, textBody: 'Plain and short.\n' }));
    expect(headerBlock(raw)).toContain(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit',
    );
    expect((await simpleParser(raw)).text).toBe('Plain and short.\n');
  });

  it.each(['REQUEST', 'CANCEL'])(
    'writes the iMIP %s part inside the alternative and the .ics attachment',
    async (method) => {
      const calendar = {
        method: method.toLowerCase(),
        filename: 'invite.ics',
        content: ICS.replace('REQUEST', method),
      };
      const { raw } = writer.write(row({ calendar }));
      expect(headerBlock(raw)).toMatch(/Content-Type: multipart\/mixed; boundary="[^"]+"/);
      expect(raw).toContain(`Content-Type: text/calendar; charset=utf-8; method=${method}\r\n`);
      expect(raw).toContain(
        'Content-Type: application/ics; name=invite.ics\r\nContent-Disposition: attachment; filename=invite.ics\r\nContent-Transfer-Encoding: base64',
      );
      // The calendar part is the last alternative, after text and html.
      const alternative = raw.slice(raw.indexOf('multipart/alternative'), raw.indexOf('application/ics'));
      expect(alternative.indexOf('text/plain')).toBeLessThan(alternative.indexOf('text/html'));
      expect(alternative.indexOf('text/html')).toBeLessThan(alternative.indexOf('text/calendar'));
      const parsed = await simpleParser(raw);
      const parts = parsed.attachments.map((a) => [
        a.contentType,
        a.filename ?? null,
        a.content.toString('utf8'),
      ]);
      expect(parts).toEqual([
        ['text/calendar', null, calendar.content],
        ['application/ics', 'invite.ics', calendar.content],
      ]);
    },
  );

  it('writes other attachments before the .ics, text ones with a charset and odd names encoded', async () => {
    const { raw } = writer.write(
      row({
        calendar: { method: 'REQUEST', filename: 'invite.ics', content: ICS },
        attachments: [
          { filename: 'notes; v2.txt', contentType: 'text/plain', content: 'Bring snacks\n' },
          { filename: 'خريطة.json', contentType: 'application/json', content: '{"a":1}' },
        ],
      }),
    );
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8; name="notes; v2.txt"');
    const parsed = await simpleParser(raw);
    expect(parsed.attachments.map((a) => [a.contentType, a.filename])).toEqual([
      ['text/calendar', undefined],
      ['text/plain', 'notes; v2.txt'],
      ['application/json', 'خريطة.json'],
      ['application/ics', 'invite.ics'],
    ]);
    expect(parsed.attachments[2].content.toString()).toBe('{"a":1}');
  });

  it('uses a new boundary for every multipart and writes the Message-ID in angle brackets', () => {
    const a = writer.write(row({ messageId: 'bare@hearth.example' })).raw;
    const b = writer.write(row()).raw;
    const boundary = (raw: string) => /boundary="([^"]+)"/.exec(raw)?.[1];
    expect(boundary(a)).not.toBe(boundary(b));
    expect(a).toContain('Message-ID: <bare@hearth.example>\r\n');
  });
});

function decodeQp(qp: string): string {
  const bytes: number[] = [];
  const text = qp.replace(/=\r\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('mime encodings', () => {
  it('chooses the transfer encoding nodemailer chooses', () => {
    expect(textTransferEncoding('plain ascii\r\nlines')).toBe('7bit');
    expect(textTransferEncoding('a'.repeat(80))).toBe('quoted-printable');
    expect(textTransferEncoding(`${'a'.repeat(76)}\r\n${'b'.repeat(76)}`)).toBe('7bit');
    expect(textTransferEncoding(`short\n${'b'.repeat(77)}\nshort`)).toBe('quoted-printable');
    expect(textTransferEncoding('mostly Latin · one dot')).toBe('quoted-printable');
    expect(textTransferEncoding('نص عربي')).toBe('base64');
  });

  it('writes quoted-printable with soft breaks, whole triplets and encoded trailing space', () => {
    const qp = quotedPrintable(`${'é'.repeat(40)}\nend \nx=y\t`);
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(qp).not.toMatch(/=[0-9A-F]?=\r\n/);
    expect(qp).toContain('end=20\r\nx=3Dy=09');
    expect(decodeQp(qp)).toBe(`${'é'.repeat(40)}\r\nend \r\nx=y\t`);
  });

  it('round-trips any text: controls, lone CR, =, tabs, emoji, lone surrogates', () => {
    const alphabet = ['a', 'Z', ' ', '\t', '=', '\n', '\r\n', '\r', '\x01', '\x7f', 'é', 'ل', '😀', '·', '.'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = next() % 300; i > 0; i--) text += alphabet[next() % alphabet.length];
      const qp = quotedPrintable(text);
      for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
      expect(qp).toMatch(/^[\x21-\x7e \t\r\n]*$/);
      expect(decodeQp(qp)).toBe(text.replace(/\r?\n/g, '\r\n'));
    }
    expect(decodeQp(quotedPrintable('a\ud800b'))).toBe('a\ufffdb');
  });

  it('never splits a UTF-8 character across encoded-words', () => {
    for (const word of encodedWords('😀'.repeat(30)).split(' ')) {
      const b64 = /^=\?UTF-8\?B\?(.*)\?=$/.exec(word)?.[1] ?? '';
      expect(Buffer.from(b64, 'base64').toString('utf8')).toMatch(/^(😀)+$/u);
      expect(word.length).toBeLessThanOrEqual(75);
    }
  });

  it('folds headers at spaces only', () => {
    const folded = foldHeader('X-Long', 'word '.repeat(40).trim());
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(folded.replace(/\r\n/g, '')).toBe(`X-Long: ${'word '.repeat(40).trim()}`);
  });

  it('never lets a bare CR through: every line end of a 7bit body becomes CRLF', () => {
    const text = 'line1\r.\rMAIL FROM:<a@b>\nline3';
    expect(textTransferEncoding(text)).toBe('7bit');
    const body = encodeBody(text, '7bit');
    expect(body).toBe('line1\r\n.\r\nMAIL FROM:<a@b>\r\nline3');
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('never folds a header into a line of whitespace, and keeps over-long words under 998', () => {
    const spaced = foldHeader('Subject', `Hello  ${'x'.repeat(80)} and${' '.repeat(5)}more `);
    for (const line of spaced.split('\r\n')) expect(line.trim()).not.toBe('');
    const url = `See https://example.org/${'a'.repeat(1200)}`;
    const folded = foldHeader('Subject', encodeUnstructured(url));
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });
});
