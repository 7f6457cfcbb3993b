import { classifyReply, parseReplyCalendar } from '@app/calendar';
import { InboundParseResult, InboundReply, ParseInboundOptions, parseInboundEmail } from '@app/inbound';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INTEROP_DIR, listInteropReplies } from '../support/readdress';

// Runs under `npm run test:interop` (the corpus lives in ../shared, beside the checkout, not in it).
const OPTS: ParseInboundOptions = {
  inboundDomain: 'inbound.hearth.test',
  ownAddresses: ['Hearth@hearth.test'],
  maxBytes: 256 * 1024,
};
const corpus = listInteropReplies();
const emails = corpus.filter((c) => !c.bare);

function accepted(result: InboundParseResult): InboundReply {
  if (!result.ok) throw new Error(`expected a reply, got ${result.reason}: ${result.detail}`);
  return result;
}

describe('parseInboundEmail on the interop corpus', () => {
  it.each(corpus.map((c) => [c.file, c] as const))('turns %s into its named answer', async (_file, c) => {
    if (c.bare) {
      // A bare body is not an e-mail: it goes straight to the calendar parser.
      const result = parseReplyCalendar(c.raw.toString('utf8'));
      if (!result.ok) throw new Error(result.reason);
      expect(classifyReply(result.reply)).toMatchObject({
        kind: c.expected.kind,
        attendee: c.expected.attendee,
      });
      return;
    }
    const r = accepted(await parseInboundEmail(c.raw, OPTS));
    expect(r.intent.kind).toBe(c.expected.kind);
    expect(r.intent.attendee).toBe(c.expected.attendee);
    if (c.expected.partstat) expect(r.intent.partstat).toBe(c.expected.partstat);
    // Every REPLY e-mail in the corpus comes From the answering attendee.
    expect(r.flags.fromMatchesAttendee).toBe(true);
    expect(r.flags.messageIdSynthesized).toBe(false);
    expect(r.messageId).not.toMatch(/[<>\s]/);
    expect(r.flags.calendarPart?.contentType).toBe('text/calendar');
  });

  it('does not drop Google RSVPs for their Auto-Submitted: auto-generated, but records it', async () => {
    const google = emails.filter((c) => c.file.startsWith('google-'));
    expect(google.length).toBeGreaterThanOrEqual(5);
    for (const c of google) {
      const r = accepted(await parseInboundEmail(c.raw, OPTS));
      expect(r.flags.automated).toBe(true);
      expect(r.flags.automation).toEqual([
        { source: 'auto-submitted', value: 'auto-generated', decisive: false },
      ]);
      expect(r.flags.calendarParts).toBe(2); // text/calendar plus the invite.ics copy
    }
  });

  it('flags the MIME/body METHOD mismatch of Google’s COUNTER and trusts the body', async () => {
    const c = emails.find((x) => x.file === 'google-counter-propose-new-time.eml');
    const r = accepted(await parseInboundEmail(c?.raw ?? Buffer.alloc(0), OPTS));
    expect(r.flags.methodMismatch).toBe(true);
    expect(r.flags.calendarPart?.mimeMethod).toBe('REPLY');
    expect(r.reply.method).toBe('COUNTER');
  });

  it('reads Apple Mail’s quoted-printable attachment without method= nested two levels deep', async () => {
    const c = emails.find((x) => x.file === 'apple-ical3-mail-reply-accepted.eml');
    const r = accepted(await parseInboundEmail(c?.raw ?? Buffer.alloc(0), OPTS));
    expect(r.flags.calendarPart).toMatchObject({ mimeMethod: null, partId: '2.2' });
    expect(r.reply).toMatchObject({ method: 'REPLY', methodSource: 'body', sequence: 7 });
  });

  it.each(['imip-request', 'imip-cancel'])(
    'refuses every %s message of the corpus as not_reply',
    async (folder) => {
      const dir = path.join(INTEROP_DIR, folder);
      expect(existsSync(dir)).toBe(true);
      const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const r = await parseInboundEmail(readFileSync(path.join(dir, f)), OPTS);
        expect({ f, reason: r.ok ? 'accepted' : r.reason }).toEqual({ f, reason: 'not_reply' });
        // tine20 writes METHOD after the VEVENT; it is still read.
        if (f === 'tine20-cancel-method-last.eml') expect(!r.ok && r.reply?.method).toBe('CANCEL');
      }
    },
  );
});
