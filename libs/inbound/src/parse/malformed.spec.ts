import { createHash } from 'node:crypto';
import {
  buildReplyMessage,
  calendarBytes,
  generateMalformedMessages,
  MALFORMED_CATEGORIES,
  REPLY_SHAPES,
  replyCalendarLines,
} from '../../../../test/support/malformed-mail';
import { ParseInboundOptions } from '../inbound.types';
import { parseInboundEmail } from './parse-inbound';

const hasControlCharacter = (s: string) =>
  [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

const OPTS: ParseInboundOptions = {
  inboundDomain: 'inbound.hearth.test',
  ownAddresses: ['hearth@hearth.test'],
  maxBytes: 64 * 1024,
};
const cases = generateMalformedMessages({ maxBytes: OPTS.maxBytes, ownAddress: 'hearth@hearth.test' });

describe('1,000 malformed inbound messages', () => {
  it('covers every category, deterministically', () => {
    expect(cases).toHaveLength(1000);
    expect(new Set(cases.map((c) => c.category))).toEqual(new Set(MALFORMED_CATEGORIES));
    const digest = (cs: typeof cases) =>
      createHash('sha256')
        .update(Buffer.concat(cs.map((c) => c.raw)))
        .digest('hex');
    expect(
      digest(generateMalformedMessages({ maxBytes: OPTS.maxBytes, ownAddress: 'hearth@hearth.test' })),
    ).toBe(digest(cases));
    expect(digest(generateMalformedMessages({ maxBytes: OPTS.maxBytes, seed: 7 }))).not.toBe(digest(cases));
  });

  it('contains the shapes it promises: 200-level nesting, NUL bytes, parts over maxBytes', () => {
    expect(cases.some((c) => c.variant === 'depth-200')).toBe(true);
    const nul = cases.filter((c) => c.category === 'nul_bytes');
    // In headers the NUL is raw; in the calendar it is raw in 8bit parts and encoded (=00, base64) otherwise.
    expect(nul.filter((c) => !['calendar', 'uid'].includes(c.variant)).every((c) => c.raw.includes(0))).toBe(
      true,
    );
    expect(nul.some((c) => c.variant === 'calendar' && c.raw.includes(0))).toBe(true);
    expect(nul.some((c) => c.variant === 'calendar' && !c.raw.includes(0))).toBe(true);
    expect(cases.filter((c) => c.category === 'huge_part').every((c) => c.raw.length > OPTS.maxBytes)).toBe(
      true,
    );
  });

  // Negative control: the very messages the mutations start from are accepted, so each refusal
  // below is caused by the mutation and not by a generator that only writes junk.
  it.each(REPLY_SHAPES)('accepts the unmutated reply in the %s shape', async (shape) => {
    const raw = buildReplyMessage({
      shape,
      from: 'member-1@example.org',
      calendar: calendarBytes(
        replyCalendarLines({
          organizer: 'rsvp+AAAAAAAAAAAAAAAAAAAAAA@inbound.hearth.test',
          attendee: 'member-1@example.org',
          uid: 'event-1@inbound.hearth.test',
          partstat: 'DECLINED',
          sequence: 1,
          method: 'REPLY',
        }),
      ),
    });
    expect(await parseInboundEmail(raw, OPTS)).toMatchObject({
      ok: true,
      intent: { kind: 'rsvp', partstat: 'DECLINED' },
    });
  });

  it('refuses every one with an expected reason, never throwing', async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const result = await parseInboundEmail(c.raw, OPTS);
      if (result.ok) wrong.push(`${c.id}: accepted as ${result.intent.kind}`);
      else if (!c.expectedReasons.includes(result.reason))
        wrong.push(`${c.id}: ${result.reason} (${result.detail})`);
      else if (result.detail.length === 0) wrong.push(`${c.id}: no detail`);
      // Whatever is reported must be safe to log and to put in a header.
      if (hasControlCharacter(`${result.messageId}${result.from ?? ''}${result.subject ?? ''}`))
        wrong.push(`${c.id}: control characters in the envelope`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
