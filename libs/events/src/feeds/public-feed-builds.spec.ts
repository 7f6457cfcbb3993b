import { FeedEntry, buildFeedIcsChunks, publicFeedVevent } from '@app/calendar';
import { FeedBuild, PublicFeedBuilds, assembleFeed } from './public-feed-builds';

const FEED = { name: 'Circle, public', refreshMinutes: 60 };

function entry(
  i: number,
  title = `Meetup ${i} 🌈`,
  timezone = ['Europe/Berlin', 'UTC', 'Asia/Tokyo'][i % 3],
): FeedEntry {
  const start = Date.UTC(2027, 0, 1 + i, 17);
  return {
    uid: `evt-${i}@hearth.example`,
    sequence: i % 3,
    dtstamp: new Date(Date.UTC(2026, 11, 1)),
    event: {
      title,
      description: `About meetup ${i}; bring a friend, a question and something to share. `.repeat(3),
      startsAt: new Date(start),
      endsAt: new Date(start + 7_200_000),
      timezone,
      location: i % 2 ? `Room ${i}, Urbanstraße 21` : null,
      joinUrl: null,
      status: i % 5 === 0 ? 'CANCELLED' : 'CONFIRMED',
      eventUrl: `https://hearth.example/events/${i}`,
      topicUrl: null,
      detailsWithheld: i % 4 === 0,
    },
  };
}

/** A build from scratch of these entries (event id `e<i>`, revision as given). */
function full(entries: Array<[number, FeedEntry, string]>, previous?: FeedBuild) {
  const listing = entries.map(([i, , revision]) => ({ id: `e${i}`, revision }));
  const written = new Map(entries.map(([i, e]) => [`e${i}`, publicFeedVevent(e)]));
  return { listing, build: assembleFeed(FEED, listing, previous, written) };
}

const reference = (entries: FeedEntry[]): string =>
  buildFeedIcsChunks({ kind: 'group', ...FEED, events: entries }).join('');

describe('assembleFeed', () => {
  it('writes what buildFeedIcsChunks writes, from new VEVENTs and from kept ones', () => {
    const entries = Array.from({ length: 12 }, (_, i): [number, FeedEntry, string] => [i, entry(i), '1']);
    const first = full(entries);
    expect(first.build.body.toString('utf8')).toBe(reference(entries.map(([, e]) => e)));

    // Event 4 changes (title and zone: a VTIMEZONE the feed did not have), event 7 leaves, the
    // order changes; the others are copied from the first body.
    const changed = entry(4, 'Moved, to Sydney', 'Australia/Sydney');
    const now: Array<[number, FeedEntry, string]> = [
      entries[4],
      ...entries.filter(([i]) => i !== 4 && i !== 7),
    ].map(([i, e, r]) => (i === 4 ? [i, changed, '2'] : [i, e, r]));
    const listing = now.map(([i, , revision]) => ({ id: `e${i}`, revision }));
    const second = assembleFeed(FEED, listing, first.build, new Map([['e4', publicFeedVevent(changed)]]));
    expect(second.body.toString('utf8')).toBe(reference(now.map(([, e]) => e)));
    expect(second.body.toString('utf8')).toContain('TZID:Australia/Sydney');
    // The index points into the new body.
    const kept = second.vevents.get('e9');
    expect(kept && second.body.subarray(kept.start, kept.end).toString()).toBe(
      publicFeedVevent(entries[9][1]).text,
    );
  });

  it('refuses a listed event it has no VEVENT of that revision for', () => {
    const { build } = full([[1, entry(1), '1']]);
    expect(() => assembleFeed(FEED, [{ id: 'e1', revision: '2' }], build, new Map())).toThrow(/no VEVENT/);
    expect(() => assembleFeed(FEED, [{ id: 'e2', revision: '1' }], build, new Map())).toThrow(/no VEVENT/);
  });

  it('writes an empty feed', () => {
    expect(assembleFeed(FEED, [], undefined, new Map()).body.toString()).toBe(reference([]));
  });
});

describe('PublicFeedBuilds', () => {
  const build = (bytes: number, events = 0): FeedBuild => ({
    body: Buffer.alloc(bytes),
    vevents: new Map(
      Array.from({ length: events }, (_, i) => [`e${i}`, { revision: '1', start: 0, end: 0, tzid: null }]),
    ),
  });

  it('keeps the last build of each feed within a quarter of HTTP_CACHE_BYTES, least recently used out first', () => {
    const builds = new PublicFeedBuilds({ HTTP_CACHE_BYTES: 4000 });
    builds.keep('a', build(400));
    builds.keep('b', build(400));
    builds.keep('a', build(300, 1)); // replaces a's
    expect(builds.size).toBe(400 + 300 + 160);
    builds.get('b'); // b is now the most recently used
    builds.keep('c', build(200));
    expect(builds.get('a')).toBeUndefined();
    expect(builds.get('b')?.body.length).toBe(400);
    expect(builds.get('c')?.body.length).toBe(200);
    expect(builds.size).toBe(600);
  });

  it('keeps no build larger than its budget, and forgets the one it replaces', () => {
    const builds = new PublicFeedBuilds({ HTTP_CACHE_BYTES: 4000 });
    builds.keep('a', build(500));
    builds.keep('a', build(1001));
    expect(builds.get('a')).toBeUndefined();
    expect(builds.size).toBe(0);
  });

  it('keeps nothing when the response cache is off (every build a full one)', () => {
    const builds = new PublicFeedBuilds({ HTTP_CACHE_BYTES: 0 });
    builds.keep('a', build(0));
    expect(builds.get('a')).toBeUndefined();
  });
});
