/*
 * bench/feeds — DESIGN §7 and issue 14: a group feed built cold (its version moved before each
 * request), served unchanged from the response cache, and answered 304 from its ETag.
 * `npm run bench:feeds`. A measurement: exit 0 unless the run itself broke.
 * `npm run bench:feeds -- --compressed` (2,000 events unless FEED_EVENTS says otherwise) adds the
 * bytes on the wire with brotli and gzip, for the feed and for the admin bundle, and the 304 again.
 */
import { readdirSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { join } from 'node:path';
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
  REPO_ROOT,
  table,
  verdict,
} from '../support';

const COMPRESSED = process.argv.includes('--compressed');
const EVENTS = Number(process.env.FEED_EVENTS ?? (COMPRESSED ? 2000 : 1000));
/** The compressed feed must be at least this many times smaller than the plain one. */
const WIRE_RATIO_TARGET = 5;
const ROUNDS = 50;
/** Issue 14: a cold 2,000-event feed under 60 ms. */
const TARGET_MS = 60;

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
  const cached = new LatencyRecorder();
  const notModified = new LatencyRecorder();
  for (let i = 0; i < ROUNDS; i++) {
    // Moving the group's version (as any change does) makes the next request build the feed afresh.
    await pool.query(`UPDATE groups SET version = version + 1 WHERE id = $1`, [groupId]);
    const start = performance.now();
    const res = await http.request('GET', path);
    cold.record(performance.now() - start);
    if (res.status !== 200) throw new Error(`feed failed: ${res.status}`);
  }
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await http.request('GET', path);
    cached.record(performance.now() - start);
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
  const k = cached.summary();
  const n = notModified.summary();
  say('');
  say(
    table(
      ['measure', 'p50', 'p99', 'target'],
      [
        ['first request after start (includes warm-up)', ms(firstMs), '', ''],
        [
          `full feed, ${num(count)} events, ${num(first.body.length / 1024)} KiB, cold (version moved)`,
          ms(c.p50),
          ms(c.p99),
          `< ${TARGET_MS} ms ${verdict(c.p50 < TARGET_MS)}`,
        ],
        ['the same feed unchanged (response cache)', ms(k.p50), ms(k.p99), ''],
        ['unchanged feed (If-None-Match → 304)', ms(n.p50), ms(n.p99), `304 ${verdict(true)}`],
      ],
    ),
  );
  if (COMPRESSED) await compressedFigures(hearth.url, path, etag, first.body.length);
});

interface Wire {
  status: number;
  headers: IncomingHttpHeaders;
  /** Body bytes as they crossed the connection (not decoded). */
  bytes: number;
}

const wireAgent = new Agent({ keepAlive: true, maxSockets: 1 });

function wire(url: string, headers: Record<string, string> = {}): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: wireAgent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const kib = (bytes: number): string => `${num(bytes / 1024, 1)} KiB`;

/** Wire sizes of the feed and the admin bundle per encoding, compressed feed latency, and the 304. */
async function compressedFigures(
  base: string,
  path: string,
  etag: string,
  plainBytes: number,
): Promise<void> {
  const encodings = ['br', 'gzip'] as const;
  const feedRows: string[][] = [];
  let brBytes = Number.POSITIVE_INFINITY;
  for (const encoding of encodings) {
    const latency = new LatencyRecorder();
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await wire(`${base}${path}`, { 'accept-encoding': encoding });
      latency.record(performance.now() - start);
      if (res.status !== 200 || res.headers['content-encoding'] !== encoding) {
        throw new Error(
          `feed as ${encoding}: ${res.status}, Content-Encoding ${res.headers['content-encoding']}`,
        );
      }
      bytes = res.bytes;
    }
    if (encoding === 'br') brBytes = bytes;
    const l = latency.summary();
    feedRows.push([
      `feed as ${encoding}`,
      kib(bytes),
      `${num(plainBytes / bytes, 1)}×`,
      ms(l.p50),
      ms(l.p99),
    ]);
  }
  const notModified = await wire(`${base}${path}`, { 'accept-encoding': 'br, gzip', 'if-none-match': etag });
  say('');
  say(
    table(
      ['compressed feed', 'on the wire', 'smaller', 'p50', 'p99'],
      [['feed, identity', kib(plainBytes), '1.0×', '', ''], ...feedRows],
    ),
  );
  say(
    `feed on the wire with brotli: ${num(plainBytes / brBytes, 1)}× smaller (target ≥ ${WIRE_RATIO_TARGET}×) ` +
      verdict(plainBytes / brBytes >= WIRE_RATIO_TARGET),
  );
  say(
    `If-None-Match with Accept-Encoding: ${notModified.status}, ${notModified.bytes} bytes ` +
      verdict(notModified.status === 304 && notModified.bytes === 0),
  );

  // The admin bundle as a browser fetches it: the hashed files under /admin/assets/, precompressed.
  const assetsDir = join(REPO_ROOT, 'dist', 'admin', 'assets');
  const files = readdirSync(assetsDir).filter((f) => /\.(js|css)$/.test(f));
  const totals = { identity: 0, br: 0, gzip: 0 };
  const rows: string[][] = [];
  for (const file of files) {
    const sizes: number[] = [];
    for (const encoding of ['identity', ...encodings] as const) {
      const res = await wire(`${base}/admin/assets/${file}`, { 'accept-encoding': encoding });
      if (res.status !== 200) throw new Error(`/admin/assets/${file}: ${res.status}`);
      totals[encoding] += res.bytes;
      sizes.push(res.bytes);
    }
    rows.push([file, ...sizes.map(kib)]);
  }
  rows.push(['admin bundle, total', kib(totals.identity), kib(totals.br), kib(totals.gzip)]);
  say('');
  say(table(['admin asset', 'identity', 'br', 'gzip'], rows));
  wireAgent.destroy();
}

async function currentEtag(base: string, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`);
  await res.arrayBuffer();
  const etag = res.headers.get('etag');
  if (!etag) throw new Error('no ETag on the feed');
  return etag;
}
