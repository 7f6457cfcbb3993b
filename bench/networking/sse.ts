/**
 * bench/networking --sse (issue 15): 1,000 members hold the live page's event stream open while the
 * organizer moves the rounds on. Every client must have its new room — pushed in its own stream
 * message, no request back — within 2 s, and the server's resident memory must stay under 300 MiB. Builds first (npm run
 * bench:networking:sse); a measurement: exit 0 unless the run itself broke.
 */
import { request as httpRequest } from 'node:http';
import { Pool } from 'pg';
import {
  LatencyRecorder,
  PeakRss,
  machineSummary,
  mib,
  ms,
  provideDatabase,
  runBenchmark,
  say,
  seedGroup,
  seedMembers,
  seedUsers,
  startHearthProcess,
  verdict,
} from '../support';

const CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 1000);
const DEADLINE_MS = 2000;
const RSS_LIMIT = 300 * 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

function send(base: string, method: string, path: string, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers: { Cookie: cookie } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Pushed {
  at: number;
  round: number;
  room: { url: string; people: unknown[] } | null;
}

/** One member's open stream: resolves `changed` with the arrival time and the pushed room. */
function openStream(
  base: string,
  path: string,
  cookie: string,
): { opened: Promise<void>; changed: Promise<Pushed> } {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const opened = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  const changed = new Promise<Pushed>((resolve) => {
    const req = httpRequest(
      `${base}${path}`,
      { agent: false, headers: { Cookie: cookie, Accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return fail(new Error(`stream answered ${res.statusCode}`));
        open();
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const message = /event: change\ndata: (.*)\n\n/.exec(buffer);
          if (message) {
            const at = performance.now();
            resolve({ at, ...(JSON.parse(message[1]) as Omit<Pushed, 'at'>) });
            res.destroy();
          }
        });
      },
    );
    req.on('error', (e) => fail(e));
    req.end();
  });
  return { opened, changed };
}

runBenchmark(async (cleanup) => {
  say(`bench/networking --sse: ${CLIENTS} live pages through a round change`);
  say(machineSummary());
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  cleanup.add('seed pool', () => pool.end());
  const [owner] = await seedUsers(pool, 1, { prefix: 'organizer' });
  const members = await seedUsers(pool, CLIENTS, { prefix: 'member' });
  const groupId = await seedGroup(pool, {
    slug: 'net',
    name: 'Networking',
    visibility: 'public',
    ownerId: owner.id,
  });
  await seedMembers(
    pool,
    groupId,
    members.map((m) => m.id),
  );
  const ids = members.map((m) => m.id);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, join_url, location_visibility, calendar_uid)
     VALUES ($1, 'virtual_networking', 'Networking', '', now() + interval '1 hour', now() + interval '4 hours', 'UTC',
             'https://meet.example.org/lobby', 'public', gen_random_uuid() || '@bench.test') RETURNING id`,
    [groupId],
  );
  const eventId = rows[0].id;
  await pool.query(
    `INSERT INTO rsvps (event_id, user_id, status, source) SELECT $1, u, 'going', 'web' FROM unnest($2::uuid[]) u`,
    [eventId, ids],
  );
  await pool.query(
    `INSERT INTO networking_settings (event_id, rounds, round_minutes, break_minutes, group_size, use_interests)
     VALUES ($1, 8, 15, 0, 2, false)`,
    [eventId],
  );
  await pool.query(
    `INSERT INTO networking_participants (event_id, user_id, shown_name, uses_pseudonym, present_since)
     SELECT $1, u, 'Member', false, now() FROM unnest($2::uuid[]) u`,
    [eventId, ids],
  );
  const hearth = await startHearthProcess(cleanup, { databaseUrl: db.url, poolSize: 20 });
  const rss = new PeakRss(hearth.pid, 200);
  cleanup.add('rss sampler', () => rss.stop());
  const start = await send(
    hearth.url,
    'POST',
    `/api/events/${eventId}/networking/rounds/start`,
    owner.cookie,
  );
  if (start.status !== 204) throw new Error(`start failed: ${start.status} ${start.body}`);

  const streams = members.map((m) =>
    openStream(hearth.url, `/events/${eventId}/networking/stream`, m.cookie),
  );
  await Promise.all(streams.map((s) => s.opened));
  say(`${CLIENTS} streams open; server RSS ${mib(rss.peak)}`);
  await new Promise((r) => setTimeout(r, 2500));

  const t0 = performance.now();
  const skip = await send(hearth.url, 'POST', `/api/events/${eventId}/networking/rounds/skip`, owner.cookie);
  if (skip.status !== 204) throw new Error(`skip failed: ${skip.status}`);
  const toRoom = new LatencyRecorder();
  let wrong = 0;
  await Promise.all(
    streams.map(async (s) => {
      const pushed = await s.changed;
      toRoom.record(pushed.at - t0);
      if (pushed.round !== 2 || !pushed.room || pushed.room.people.length !== 1) wrong++;
    }),
  );
  rss.stop();
  const room = toRoom.summary();
  const slowest = room.max;
  say(
    `new room pushed to ${room.count} clients: p50 ${ms(room.p50)}, max ${ms(slowest)}; wrong or missing rooms: ${wrong}`,
  );
  say(`server peak RSS ${mib(rss.peak)} (limit ${mib(RSS_LIMIT)})`);
  say(`every client within ${DEADLINE_MS} ms: ${verdict(slowest < DEADLINE_MS && wrong === 0)}`);
  say(`server RSS under ${mib(RSS_LIMIT)}: ${verdict(rss.peak < RSS_LIMIT)}`);
});
