import {
  buildReplyMessage,
  calendarBytes,
  replyCalendarLines,
} from '../../../../test/support/malformed-mail';
import { InboundParseResult, InboundReply, ParseInboundOptions } from '../inbound.types';
import { parseInboundEmail } from './parse-inbound';

const OPTS: ParseInboundOptions = {
  inboundDomain: 'inbound.hearth.test',
  ownAddresses: ['Hearth@hearth.test'],
  maxBytes: 256 * 1024,
};
// The interop corpus (../shared/interop) cases are in test/interop/parse-inbound.interop-spec.ts.

function accepted(result: InboundParseResult): InboundReply {
  if (!result.ok) throw new Error(`expected a reply, got ${result.reason}: ${result.detail}`);
  return result;
}

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv-_09';
const calendar = (over: Partial<Parameters<typeof replyCalendarLines>[0]> = {}) =>
  calendarBytes(
    replyCalendarLines({
      organizer: `rsvp+${TOKEN}@inbound.hearth.test`,
      attendee: 'member@example.org',
      uid: 'event-1@inbound.hearth.test',
      partstat: 'ACCEPTED',
      sequence: 2,
      method: 'REPLY',
      ...over,
    }),
  );
const message = (extra: Parameters<typeof buildReplyMessage>[0] extends infer M ? Partial<M> : never = {}) =>
  buildReplyMessage({
    from: 'Member <member@example.org>',
    to: `rsvp+${TOKEN}@inbound.hearth.test`,
    calendar: calendar(),
    ...extra,
  });

describe('parseInboundEmail envelope and classification', () => {
  it('accepts a well-formed reply in every MIME shape and extracts the tokens with their case', async () => {
    for (const shape of ['single', 'alternative', 'mixed-ics', 'quoted-printable', 'base64'] as const) {
      const r = accepted(await parseInboundEmail(message({ shape, messageId: 'abc@example.org' }), OPTS));
      expect(r).toMatchObject({
        messageId: 'abc@example.org',
        from: 'member@example.org',
        subject: 'Accepted: Community meetup',
        date: '2026-01-01T12:00:00.000Z',
        intent: {
          kind: 'rsvp',
          partstat: 'ACCEPTED',
          attendee: 'member@example.org',
          uid: 'event-1@inbound.hearth.test',
          sequence: 2,
        },
        tokens: { organizer: TOKEN, recipients: [TOKEN] },
      });
    }
  });

  it('synthesises a stable Message-ID from the bytes when there is none', async () => {
    const headers = [
      'From: member@example.org',
      'To: x@example.org',
      'Subject: Accepted',
      'MIME-Version: 1.0',
    ];
    const raw = message({ headers, shape: 'single' });
    const a = accepted(await parseInboundEmail(raw, OPTS));
    const b = accepted(await parseInboundEmail(Buffer.from(raw), OPTS));
    const other = accepted(await parseInboundEmail(Buffer.concat([raw, Buffer.from('\r\n')]), OPTS));
    expect(a.flags.messageIdSynthesized).toBe(true);
    expect(a.messageId).toMatch(/^sha256-[0-9a-f]{64}@synthesized\.invalid$/);
    expect(b.messageId).toBe(a.messageId);
    expect(other.messageId).not.toBe(a.messageId);
  });

  it('refuses an oversized message unparsed but still reports its headers', async () => {
    const raw = Buffer.concat([message({ messageId: 'big@example.org' }), Buffer.alloc(OPTS.maxBytes, 'x')]);
    expect(await parseInboundEmail(raw, OPTS)).toMatchObject({
      ok: false,
      reason: 'too_large',
      messageId: 'big@example.org',
      from: 'member@example.org',
    });
  });

  it.each([
    ['one of our own addresses', 'HEARTH@hearth.test'],
    ['an address at the inbound domain', `rsvp+${TOKEN}@Inbound.Hearth.test`],
    ['an address under the inbound domain', 'bounces@mx.inbound.hearth.test'],
  ])('drops mail from %s as a loop', async (_name, from) => {
    expect(await parseInboundEmail(message({ from }), OPTS)).toMatchObject({
      ok: false,
      reason: 'loop',
      flags: { loop: true },
    });
  });

  it.each([
    ['Auto-Submitted: auto-replied', ['Auto-Submitted: auto-replied']],
    ['Auto-Submitted: auto-notified', ['Auto-Submitted: auto-notified']],
    ['X-Autoreply: yes', ['X-Autoreply: yes']],
    ['X-Autorespond', ['X-Autorespond: vacation']],
    ['Precedence: auto_reply', ['Precedence: auto_reply']],
  ])('drops a calendar answer carrying %s (decisive)', async (_name, extraHeaders) => {
    expect(await parseInboundEmail(message({ extraHeaders }), OPTS)).toMatchObject({
      ok: false,
      reason: 'auto_reply',
    });
  });

  it.each([
    ['Auto-Submitted: auto-generated', ['Auto-Submitted: auto-generated'], 'Accepted: x'],
    ['Precedence: bulk', ['Precedence: bulk'], 'Accepted: x'],
    ['X-Auto-Response-Suppress: All', ['X-Auto-Response-Suppress: All'], 'Accepted: x'],
    ['an out-of-office subject', [], 'Automatic reply: Accepted: x'],
  ])(
    'keeps a calendar answer carrying %s (not decisive) but drops it without calendar',
    async (_name, extraHeaders, subject) => {
      const r = accepted(await parseInboundEmail(message({ extraHeaders, subject }), OPTS));
      expect(r.flags.automated).toBe(true);
      const plain = Buffer.from(
        [
          'From: member@example.org',
          `Subject: ${subject}`,
          ...extraHeaders,
          'Content-Type: text/plain',
          '',
          'Away.',
          '',
        ].join('\r\n'),
      );
      expect(await parseInboundEmail(plain, OPTS)).toMatchObject({ ok: false, reason: 'auto_reply' });
    },
  );

  it('refuses plain mail without automation signs as no_calendar', async () => {
    const plain = Buffer.from(
      ['From: member@example.org', 'Subject: Hello', 'Content-Type: text/plain', '', 'Hi!', ''].join('\r\n'),
    );
    expect(await parseInboundEmail(plain, OPTS)).toMatchObject({
      ok: false,
      reason: 'no_calendar',
      flags: { automated: false },
    });
  });

  it('does not look into a forwarded message/rfc822', async () => {
    const inner = message();
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: friend@example.org',
          'Subject: Fwd: Accepted',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="f"',
          '',
          '--f',
          'Content-Type: text/plain',
          '',
          'FYI',
          '--f',
          'Content-Type: message/rfc822',
          '',
          '',
        ].join('\r\n'),
      ),
      inner,
      Buffer.from('\r\n--f--\r\n'),
    ]);
    expect(await parseInboundEmail(raw, OPTS)).toMatchObject({ ok: false, reason: 'no_calendar' });
  });

  it('reads the application/ics copy when there is no text/calendar part', async () => {
    const raw = Buffer.from(
      [
        'From: member@example.org',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: application/ics; name="invite.ics"',
        'Content-Transfer-Encoding: base64',
        '',
        calendar().toString('base64'),
        '--m--',
        '',
      ].join('\r\n'),
    );
    const r = accepted(await parseInboundEmail(raw, OPTS));
    expect(r.flags.calendarPart).toMatchObject({ contentType: 'application/ics', mimeMethod: null });
  });

  it('prefers the text/calendar part when the two copies disagree', async () => {
    const raw = Buffer.from(
      [
        'From: member@example.org',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: application/ics; name="invite.ics"',
        '',
        calendar({ partstat: 'DECLINED' }).toString('utf8'),
        '--m',
        'Content-Type: text/calendar; method=REPLY',
        '',
        calendar({ partstat: 'TENTATIVE' }).toString('utf8'),
        '--m--',
        '',
      ].join('\r\n'),
    );
    expect(accepted(await parseInboundEmail(raw, OPTS)).intent).toMatchObject({ partstat: 'TENTATIVE' });
  });

  it('reads a calendar in a declared non-UTF-8 charset', async () => {
    const latin1 = Buffer.from(calendar().toString('utf8').replace('CN=Member', 'CN=Wei\u00df'), 'latin1');
    const r = accepted(
      await parseInboundEmail(message({ calendar: latin1, charset: 'ISO-8859-1', shape: 'single' }), OPTS),
    );
    expect(r.intent.attendee).toBe('member@example.org');
  });

  it('keeps the reply of a refused calendar for the quarantine view', async () => {
    const two = calendarBytes(
      replyCalendarLines({
        organizer: 'o@example.org',
        attendee: 'a@example.org',
        uid: 'u',
        partstat: 'ACCEPTED',
        sequence: 0,
        method: 'REPLY',
      }).flatMap((l) =>
        l.startsWith('ATTENDEE') ? [l, 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.org'] : [l],
      ),
    );
    const r = await parseInboundEmail(message({ calendar: two }), OPTS);
    expect(r).toMatchObject({ ok: false, reason: 'multiple_attendees', reply: { uid: 'u' } });
  });

  it('never throws, even on input that is not a Buffer', async () => {
    const inputs: unknown[] = [undefined, null, 'text', 42, {}];
    for (const input of inputs) {
      await expect(parseInboundEmail(input as Buffer, OPTS)).resolves.toMatchObject({
        ok: false,
        reason: 'malformed_mime',
      });
    }
  });
});
