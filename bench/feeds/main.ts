/*
 * bench/feeds — DESIGN §7: a 1,000-event group feed, built cold and answered 304 from its ETag.
 * `npm run bench:feeds`. A measurement: exit 0 unless the run itself broke.
 */
import { Pool } from 'pg';
import {
  HttpClient,
  LatencyRecorder,
  machineSummary,
  ms,
  num,
  provideDatabase,
  runBenchmark,
  say,
  seedGroup,
  seedUsers,
  startHearthProcess,
  table,
  verdict,
} from '../support';

const EVENTS = Number(process.env.FEED_EVENTS ?? 1000);
const ROUNDS = 50;
const TARGET_MS = 100;

runBenchmark(async (cleanup) => {
  say(`bench/feeds: a ${num(EVENTS)}-event group feed, cold and 304`);
  say(machineSummary());
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  cleanup.add('seed pool', () => pool.end());
  const [owner] = await seedUsers(pool, 1, { prefix: 'owner' });
  const groupId = await seedGroup(pool, {
    slug: 'feeds',
    name: 'Feed group',
    visibility: 'public',
    ownerId: owner.id,
  });
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
  await pool.query(
    `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, venue_name, venue_address,
                         join_url, location_visibility, calendar_uid)
     SELECT $1, 'virtual_networking', 'Event ' || i, 'Seeded event number ' || i,
            now() + make_interval(hours => i * 7), now() + make_interval(hours => i * 7 + 1),
            ($2::text[])[1 + i % 4], 'Venue ' || i, 'Street ' || i, 'https://meet.example.org/' || i,
            CASE WHEN i % 2 = 0 THEN 'public' ELSE 'attendees' END, gen_random_uuid() || '@bench.test'
       FROM generate_series(1, $3::int) AS i`,
    [groupId, zones, EVENTS],
  );
  const hearth = await startHearthProcess(cleanup, { databaseUrl: db.url, poolSize: 10 });
  const http = new HttpClient(hearth.url, 1);
  cleanup.add('http client', () => http.close());
  const path = '/api/feeds/groups/feeds.ics';

  const t0 = performance.now();
  const first = await http.request('GET', path);
  const firstMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`feed failed: ${first.status}`);
  const count = (first.body.match(/BEGIN:VEVENT/g) ?? []).length;

  const cold = new LatencyRecorder();
  const notModified = new LatencyRecorder();
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await http.request('GET', path);
    cold.record(performance.now() - start);
    if (res.status !== 200) throw new Error(`feed failed: ${res.status}`);
  }
  const etag = await currentEtag(hearth.url, path);
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await http.request('GET', path, { headers: { 'if-none-match': etag } });
    notModified.record(performance.now() - start);
    if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
  }
  const c = cold.summary();
  const n = notModified.summary();
  say('');
  say(
    table(
      ['measure', 'p50', 'p99', 'target'],
      [
        ['first request after start (includes warm-up)', ms(firstMs), '', ''],
        [
          `full feed, ${num(count)} events, ${num(first.body.length / 1024)} KiB`,
          ms(c.p50),
          ms(c.p99),
          `< ${TARGET_MS} ms ${verdict(c.p50 < TARGET_MS)}`,
        ],
        ['unchanged feed (If-None-Match → 304)', ms(n.p50), ms(n.p99), `304 ${verdict(true)}`],
      ],
    ),
  );
});

async function currentEtag(base: string, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`);
  await res.arrayBuffer();
  const etag = res.headers.get('etag');
  if (!etag) throw new Error('no ETag on the feed');
  return etag;
}
