import { parseReplyCalendar } from '@app/calendar';
import ICAL from 'ical.js';
import { ParsedMail, simpleParser } from 'mailparser';
import { ParseInboundOptions, parseInboundEmail } from '@app/inbound';
import { InteropReply, listInteropReplies, readdressReply, ReaddressSwap } from '../support/readdress';

const OPTS: ParseInboundOptions = {
  inboundDomain: 'inbound.hearth.test',
  ownAddresses: [],
  maxBytes: 1024 * 1024,
};
const TOKEN = 'Tk7_-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789q';
const SWAP: ReaddressSwap = {
  organizerEmail: `rsvp+${TOKEN}@inbound.hearth.test`,
  attendeeEmail: 'new.member@example.org',
  uid: 'hearth-event-42@inbound.hearth.test',
  to: `rsvp+${TOKEN}@inbound.hearth.test`,
};
// Runs under `npm run test:interop` (the corpus lives in ../shared, beside the checkout, not in it).
const corpus = listInteropReplies();

const isCalendar = (a: ParsedMail['attachments'][number]) =>
  ['text/calendar', 'application/ics'].includes(a.contentType);

/** The calendar with the three re-addressed VEVENT properties removed, for comparing the rest. */
function rest(text: string): unknown {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  for (const name of ['uid', 'organizer', 'attendee']) event?.removeAllProperties(name);
  return calendar.toJSON();
}

async function calendarsOf(c: InteropReply, raw: Buffer): Promise<string[]> {
  if (c.bare && raw === c.raw) return [raw.toString('utf8')];
  const mail = await simpleParser(raw);
  return mail.attachments.filter(isCalendar).map((a) => a.content.toString('utf8'));
}

describe('readdressReply on every corpus reply', () => {
  it.each(corpus.map((c) => [c.file, c] as const))(
    're-addresses %s and it still parses to the same answer',
    async (_f, c) => {
      const out = readdressReply(c.raw, SWAP);
      const r = await parseInboundEmail(out, OPTS);
      if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
      expect(r.intent).toMatchObject({
        kind: c.expected.kind,
        attendee: SWAP.attendeeEmail,
        uid: SWAP.uid,
        organizer: SWAP.organizerEmail,
        ...(c.expected.partstat ? { partstat: c.expected.partstat } : {}),
      });
      expect(r.from).toBe(SWAP.attendeeEmail);
      expect(r.tokens).toEqual({ organizer: TOKEN, recipients: [TOKEN] });
      expect(r.flags.fromMatchesAttendee).toBe(true);
    },
  );

  it.each(corpus.map((c) => [c.file, c] as const))('changes nothing else in %s', async (_f, c) => {
    const out = readdressReply(c.raw, SWAP);
    const before = await calendarsOf(c, c.raw);
    const after = await calendarsOf(c, out);
    expect(after).toHaveLength(before.length);
    after.forEach((text, i) => {
      // Every calendar copy (text/calendar and application/ics) is re-addressed…
      const parsed = parseReplyCalendar(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.reply).toMatchObject({ uid: SWAP.uid, organizer: SWAP.organizerEmail });
      expect(parsed.reply.attendees.map((a) => a.email)).toEqual([SWAP.attendeeEmail]);
      // …and keeps every other property, parameter and component.
      expect(rest(text)).toEqual(rest(before[i]));
    });
    if (c.bare) return;

    const [a, b] = [await simpleParser(c.raw), await simpleParser(out)];
    const otherHeaders = (m: ParsedMail) => m.headerLines.filter((h) => h.key !== 'to' && h.key !== 'from');
    expect(otherHeaders(b)).toEqual(otherHeaders(a));
    expect([b.text, b.html]).toEqual([a.text, a.html]);
    expect(b.attachments.map((x) => [x.contentType, x.headerLines])).toEqual(
      a.attachments.map((x) => [x.contentType, x.headerLines]),
    );
    // Lines written anew (re-encoded calendar parts) respect RFC 2045 / RFC 5545 line limits.
    const original = new Set(c.raw.toString('latin1').split(/\r?\n/));
    const fresh = out
      .toString('latin1')
      .split(/\r?\n/)
      .filter((line) => !original.has(line) && !/^(To|From):/i.test(line));
    expect(fresh.filter((line) => line.length > 76)).toEqual([]);
  });

  it('keeps the transfer encoding and line layout of base64 and quoted-printable calendars', () => {
    for (const c of corpus.filter((x) => !x.bare)) {
      const out = readdressReply(c.raw, SWAP).toString('latin1');
      const src = c.raw.toString('latin1');
      const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
      expect(count(out, /Content-Transfer-Encoding: *base64/gi)).toBe(
        count(src, /Content-Transfer-Encoding: *base64/gi),
      );
      expect(count(out, /quoted-printable/gi)).toBe(count(src, /quoted-printable/gi));
      // Same line-break convention as the client wrote (several fixtures were stored with LF only).
      expect(out.includes('\r\n')).toBe(src.includes('\r\n'));
    }
  });

  it('wraps a bare .ics as a minimal iMIP e-mail with CRLF lines and a matching method=', () => {
    const c = corpus.find((x) => x.file === 'apple-ical5-reply-accepted.ics');
    const out = readdressReply(c?.raw ?? Buffer.alloc(0), {
      ...SWAP,
      from: 'Other <other@example.org>',
      messageId: 'fixed@example.org',
    });
    const text = out.toString('utf8');
    expect(text).toMatch(/^From: Other <other@example\.org>\r\n/);
    expect(text).toContain('\r\nMessage-ID: <fixed@example.org>\r\n');
    expect(text).toContain(
      'Content-Type: text/calendar; charset=UTF-8; method=REPLY\r\nContent-Transfer-Encoding: 8bit\r\n',
    );
    expect(text).toContain('CN="Weiß, Cornelius"');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('honours from and messageId on a full e-mail, and can re-address its own output', async () => {
    const c = corpus.find((x) => x.file === 'apple-ical3-mail-reply-accepted.eml');
    const once = readdressReply(c?.raw ?? Buffer.alloc(0), SWAP);
    const second: ReaddressSwap = {
      organizerEmail: 'rsvp+SecondTokenSecondToken_2@inbound.hearth.test',
      attendeeEmail: 'third@example.net',
      uid: 'x',
      to: 'rsvp+SecondTokenSecondToken_2@inbound.hearth.test',
      from: 'Third Person <third@example.net>',
      messageId: 'again@example.net',
    };
    const r = await parseInboundEmail(readdressReply(once, second), OPTS);
    expect(r).toMatchObject({
      ok: true,
      messageId: 'again@example.net',
      from: 'third@example.net',
      intent: { attendee: 'third@example.net', uid: 'x', organizer: second.organizerEmail },
      tokens: { organizer: 'SecondTokenSecondToken_2' },
    });
  });
});
