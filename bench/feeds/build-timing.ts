/*
 * bench/feeds/build-timing.ts — in-process time to build a group feed of 2,000 events (issue 14:
 * < 60 ms cold), with the direct feed writer (buildFeedIcsChunks) and with the ical-generator path
 * feeds used before (kept as a test helper). No server, no database.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/feeds/build-timing.ts
 *
 * FEED_EVENTS (default 2000), ROUNDS (default 15). "first" is the first build in the process (zone
 * tables, JIT, URL checks all cold); the medians are of later builds, old and new interleaved.
 * Each build ends in the feed's bytes, as the feeds service caches them (old: joined then encoded).
 */
import { buildFeedIcsChunks, FeedEntry, FeedIcsInput } from '@app/calendar';
import { performance } from 'node:perf_hooks';
import { buildFeedIcsChunksViaIcalGenerator } from '../../libs/calendar/src/ics/feed-ics-reference.testing';

const EVENTS = Number(process.env.FEED_EVENTS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const PARAGRAPH =
  'A relaxed evening for LGBTQ+ people and friends: conversation, tea and board games; newcomers are ' +
  'welcome and there is a quiet room. مساء هادئ للتعارف والحديث. ';

export function input(): FeedIcsInput {
  const now = Date.UTC(2026, 0, 1, 9);
  const events: FeedEntry[] = Array.from({ length: EVENTS }, (_, i) => {
    const start = now + (i + 1) * 7 * 3_600_000;
    return {
      uid: `${i.toString(16).padStart(8, '0')}-4c1d-4e2a-9b7f-0a1b2c3d4e5f@bench.test`,
      sequence: i % 3,
      dtstamp: new Date(now - i * 60_000),
      event: {
        title: `Event ${i}: networking, talks; more`,
        description: PARAGRAPH.repeat(3).slice(0, 600),
        startsAt: new Date(start),
        endsAt: new Date(start + 3_600_000),
        timezone: ZONES[i % ZONES.length],
        location: i % 2 === 0 ? `Venue ${i}, Street ${i}` : null,
        joinUrl: i % 2 === 0 ? `https://meet.example.org/${i}` : null,
        status: i % 50 === 0 ? 'CANCELLED' : 'CONFIRMED',
        eventUrl: `https://hearth.example/events/${i}`,
        topicUrl: i % 5 === 0 ? `https://hearth.example/topics/${i}` : null,
      },
    };
  });
  return { kind: 'group', name: 'Feed group', refreshMinutes: 60, events };
}

type Build = (input: FeedIcsInput) => Buffer;

/** Before: ical-generator per event, joined into one string, then encoded. */
const oldBuild: Build = (feed) => Buffer.from(buildFeedIcsChunksViaIcalGenerator(feed).join(''), 'utf8');
/** Now: the direct writer, encoded piece by piece (as libs/events feeds.service.ts does). */
const newBuild: Build = (feed) => Buffer.concat(buildFeedIcsChunks(feed).map((c) => Buffer.from(c, 'utf8')));

function time(build: Build, feed: FeedIcsInput): { ms: number; bytes: number } {
  const t0 = performance.now();
  const bytes = build(feed).length;
  return { ms: performance.now() - t0, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const feed = input();
  const builders = { new: newBuild, old: oldBuild };
  const order =
    (process.env.FIRST ?? 'new') === 'old' ? (['old', 'new'] as const) : (['new', 'old'] as const);
  const first: Record<string, number> = {};
  let bytes = 0;
  for (const name of order) {
    const run = time(builders[name], feed);
    first[name] = run.ms;
    bytes = run.bytes;
  }
  const runs: Record<'new' | 'old', number[]> = { new: [], old: [] };
  for (let i = 0; i < ROUNDS; i++) for (const name of order) runs[name].push(time(builders[name], feed).ms);
  console.log(`${EVENTS}-event group feed, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${ROUNDS} rounds`);
  for (const name of order) {
    const note = name === order[0] ? ' (first in process: zone tables, JIT cold)' : '';
    console.log(
      `${name === 'new' ? 'direct writer ' : 'ical-generator'}: first ${first[name].toFixed(1)} ms${note}, ` +
        `median ${median(runs[name]).toFixed(1)} ms, min ${Math.min(...runs[name]).toFixed(1)} ms`,
    );
  }
}

if (require.main === module) main();
