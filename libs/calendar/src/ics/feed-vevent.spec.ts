import {
  buildFeedIcs,
  buildFeedIcsChunks,
  FeedEntry,
  FeedIcsInput,
  publicFeedFrame,
  publicFeedVevent,
} from './feed-ics';
import { buildFeedIcsChunksViaIcalGenerator } from './feed-ics-reference.testing';
import { feedSampleEntry as entry, feedSamples as inputs } from './feed-samples.testing';
import { escapeText } from './feed-vevent';
import { readIcs } from './read-ics.testing';

/*
 * The direct feed writer against ical-generator (the path feeds used before and invitations still
 * use), from the same input: the two must be byte-identical.
 */

/** A deterministic pseudo-random feed of many events over a year, in several zones. */
function generated(size: number): FeedIcsInput {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Africa/Cairo', 'UTC'];
  const words = ['meet', 'تعارف', 'tea, cake', 'a;b', 'back\\slash', '🏳️‍🌈', 'line\nbreak', 'ü', 'x'];
  const text = (n: number) =>
    Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  const events = Array.from({ length: size }, (_, i) => {
    const start = Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24 * 4) * 900_000;
    return entry(i, {
      title: text(1 + Math.floor(next() * 12)),
      description: text(Math.floor(next() * 120)),
      startsAt: new Date(start),
      endsAt: new Date(start + Math.floor(next() * 16) * 900_000),
      timezone: zones[i % zones.length],
      location: next() < 0.5 ? text(4) : null,
      joinUrl: next() < 0.3 ? `https://meet.example/${i}` : null,
      status: next() < 0.1 ? 'CANCELLED' : 'CONFIRMED',
    });
  });
  return { kind: 'group', name: 'Generated', events };
}

describe('writeFeedVevent (direct feed writer)', () => {
  it.each(Object.keys(inputs))('writes the %s feed byte-identical to ical-generator', (name) => {
    const direct = buildFeedIcsChunks(inputs[name]);
    const reference = buildFeedIcsChunksViaIcalGenerator(inputs[name]);
    // Same pieces too: header, one VTIMEZONE each in the same order, one chunk per VEVENT.
    expect(direct).toEqual(reference);
  });

  it('writes 2,000 generated events byte-identical to ical-generator', () => {
    const input = generated(2000);
    expect(buildFeedIcsChunks(input).join('')).toBe(buildFeedIcsChunksViaIcalGenerator(input).join(''));
  });

  it('assembles group and series feeds from VEVENTs written one by one, byte-identical', () => {
    for (const input of [inputs.group, inputs.series, generated(500)]) {
      const vevents = input.events.map((e) => publicFeedVevent(e, input.locale));
      const tzids = new Set(vevents.flatMap((v) => (v.tzid ? [v.tzid] : [])));
      const { head, tail } = publicFeedFrame(input, tzids);
      const assembled = head + vevents.map((v) => v.text).join('') + tail;
      expect(assembled).toBe(buildFeedIcsChunks(input).join(''));
    }
    // The language is the feed's: the same entry in another one is another text.
    const one = inputs.series.events[0];
    expect(publicFeedVevent(one, 'ar').text).not.toBe(publicFeedVevent(one).text);
  });

  it('covers what it claims: zones, UTC fallbacks, folding, escaping', () => {
    const ics = buildFeedIcs(inputs.group);
    const read = readIcs(ics);
    const tzids = read.calendar.getAllSubcomponents('vtimezone').map((v) => v.getFirstPropertyValue('tzid'));
    expect(tzids).toEqual([
      'Europe/Berlin',
      'America/New_York',
      'Asia/Tokyo',
      'Asia/Kolkata',
      'Australia/Sydney',
    ]);
    expect(read.lines).toContain('DTSTART;TZID=Europe/Berlin:20260329T003000');
    expect(read.lines).toContain('DTEND;TZID=Europe/Berlin:20260329T050000');
    expect(read.lines).toContain('DTEND:20261025T003000Z');
    expect(read.lines).toContain('STATUS:CANCELLED');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    // Read back by an independent parser, TEXT values are what was put in.
    const byUid = new Map(read.events.map((e) => [e.getFirstPropertyValue('uid'), e]));
    const tricky = byUid.get('evt-2@hearth.example');
    expect(tricky?.getFirstPropertyValue('summary')).toBe('Commas, semicolons; back\\slashes and newlines');
    expect(tricky?.getFirstPropertyValue('location')).toBe(
      'Nachbarschaftshaus, Room 2; Urbanstraße 21\n10961 Berlin',
    );
    expect(String(tricky?.getFirstPropertyValue('description'))).toMatch(
      /^Line one,\nline two; with \\ a backslash\nline three\n\n\nand "quotes" bell\n\nEvent page: /,
    );
    expect(byUid.get('evt-1@hearth.example')?.getFirstPropertyValue('summary')).toBe('لقاء تعارف افتراضي 🌈');
    expect(byUid.get('evt-5@hearth.example')?.getFirstProperty('location')).toBeNull();
    expect(byUid.get('evt-6@hearth.example')?.getFirstPropertyValue('location')).toBe(
      'https://meet.example/room?a=1%2C2%3Bb=3',
    );
  });

  it('refuses what ical-generator refused, with the same errors', () => {
    const bad = (one: FeedEntry): FeedIcsInput => ({ kind: 'group', name: 'x', events: [one] });
    for (const input of [
      bad(entry(1, { joinUrl: 'javascript:alert(1)' })),
      bad(entry(1, { endsAt: new Date('2026-01-15T16:00:00Z') })),
      bad({ ...entry(1, {}), uid: 'no domain' }),
      bad(entry(1, {}, -1)),
    ]) {
      const error = (build: () => unknown) => {
        try {
          build();
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      };
      const expected = error(() => buildFeedIcsChunksViaIcalGenerator(input));
      expect(expected).not.toBe('no error');
      expect(error(() => buildFeedIcsChunks(input))).toBe(expected);
    }
  });

  it('escapes TEXT as RFC 5545 §3.3.11 says', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf\rg')).toBe('a\\,b\\;c\\\\d\\ne\\nf\\ng');
    expect(escapeText('plain')).toBe('plain');
  });
});
