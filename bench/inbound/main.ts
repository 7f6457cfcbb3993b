/*
 * bench/inbound — calendar REPLY e-mails per second end to end (DESIGN §7: ≥ 200/s): each one sent
 * over SMTP to Hearth's inbound listener, parsed, verified against its invitation and applied through
 * the RSVP service; the listener answers 250 only after that transaction commits, so a 250 is an
 * applied RSVP. Reports throughput, latency per message, the server's peak memory and where the CPU
 * went. `npm run bench:inbound`; a measurement: it exits 0 whether or not the target is met.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { Pool } from 'pg';
import { replyAddress } from '@app/calendar';
import {
  BENCH_SIGNING_SECRET,
  Cleanup,
  CpuMeter,
  LatencyRecorder,
  REPO_ROOT,
  cpu,
  cpuProfilesIn,
  freePort,
  machineBusy,
  machineSummary,
  mib,
  ms,
  num,
  provideDatabase,
  runBenchmark,
  say,
  seedGroup,
  seedMembers,
  seedUsers,
  startHearthProcess,
  summarizeCpuProfile,
  table,
  verdict,
} from '../support';
import {
  REPLY_SHAPES,
  buildReplyMessage,
  calendarBytes,
  replyCalendarLines,
} from '../../test/support/malformed-mail';

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const CONFIG = {
  /** Replies measured (one per invited person), after the warm-up ones. */
  messages: intFrom('BENCH_MESSAGES', 4000),
  warmup: intFrom('BENCH_WARMUP_MESSAGES', 300),
  /** Concurrent SMTP connections to the listener. */
  connections: intFrom('BENCH_CONNECTIONS', 20),
  events: intFrom('BENCH_EVENTS', 100),
  poolSize: intFrom('BENCH_POOL_SIZE', 20),
  /** BENCH_CPU_PROF=<folder> (or 1 for a temporary one): profile the server with --cpu-prof. */
  cpuProfileDir: profileDir(process.env.BENCH_CPU_PROF?.trim()),
};

function profileDir(value: string | undefined): string | null {
  if (!value || value === '0') return null;
  return value === '1' ? mkdtempSync(join(tmpdir(), 'hearth-bench-prof-')) : value;
}
const TARGET_PER_SECOND = 200;
const DOMAIN = 'hearth.localhost';

interface Reply {
  userId: string;
  to: string;
  from: string;
  raw: Buffer;
}

/** A group, events, members each invited to one event, and for each the REPLY their calendar would send. */
async function seed(db: Pool, total: number): Promise<Reply[]> {
  const [owner] = await seedUsers(db, 1, { prefix: 'bench-owner' });
  await db.query(`UPDATE users SET instance_role = 'owner' WHERE id = $1`, [owner.id]);
  const groupId = await seedGroup(db, {
    slug: 'inbound-bench',
    name: 'Inbound bench',
    visibility: 'public',
    ownerId: owner.id,
  });
  const users = await seedUsers(db, total, { prefix: 'bench-member', domain: 'members.example.org' });
  await seedMembers(
    db,
    groupId,
    users.map((u) => u.id),
  );
  const { rows: events } = await db.query<{ id: string; calendar_uid: string }>(
    `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, venue_name,
                         venue_address, location_visibility, attendee_visibility, capacity, calendar_uid, created_by)
     SELECT $1, 'in_person', 'Inbound bench #' || i, 'Seeded for a benchmark', now() + interval '7 days',
            now() + interval '7 days 2 hours', 'UTC', 'Hall', 'Bench Street 1', 'attendees', 'organizers',
            NULL, gen_random_uuid() || '@${DOMAIN}', $2
       FROM generate_series(1, $3) AS i
     RETURNING id, calendar_uid`,
    [groupId, owner.id, CONFIG.events],
  );
  const { rows: invitations } = await db.query<{ id: string; event_id: string; user_id: string }>(
    `INSERT INTO invitations (event_id, user_id, last_sequence_sent)
     SELECT ($1::uuid[])[1 + (n - 1) % array_length($1::uuid[], 1)], u, 0
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n)
     RETURNING id, event_id, user_id`,
    [events.map((e) => e.id), users.map((u) => u.id)],
  );
  const uidOf = new Map(events.map((e) => [e.id, e.calendar_uid]));
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return invitations.map((inv, i) => {
    const address = replyAddress(inv.id, BENCH_SIGNING_SECRET, DOMAIN);
    const email = emailOf.get(inv.user_id) ?? '';
    const raw = buildReplyMessage({
      from: `Member ${i} <${email}>`,
      to: address,
      subject: 'Accepted: Inbound bench',
      messageId: `bench-${i}-${inv.id}@client.example`,
      shape: REPLY_SHAPES[i % REPLY_SHAPES.length],
      calendar: calendarBytes(
        replyCalendarLines({
          organizer: address,
          attendee: email,
          uid: uidOf.get(inv.event_id) ?? '',
          partstat: i % 5 === 4 ? 'TENTATIVE' : 'ACCEPTED',
          sequence: 0,
          method: 'REPLY',
        }),
      ),
    });
    return { userId: inv.user_id, to: address, from: email, raw };
  });
}

interface Sent {
  perSecond: number;
  seconds: number;
  latency: ReturnType<LatencyRecorder['summary']>;
  failures: string[];
}

/** Sends over `connections` pooled SMTP connections, each taking the next message as soon as its last is answered. */
async function send(port: number, replies: Reply[], connections: number): Promise<Sent> {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const latency = new LatencyRecorder();
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let i = next++; i < replies.length; i = next++) {
          const r = replies[i];
          const t0 = performance.now();
          try {
            const info = await transport.sendMail({ envelope: { from: r.from, to: [r.to] }, raw: r.raw });
            if (!String(info.response).startsWith('250')) failures.push(String(info.response));
          } catch (error) {
            failures.push((error as Error).message);
          }
          latency.record(performance.now() - t0);
        }
      }),
    );
  } finally {
    transport.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: replies.length / seconds, seconds, latency: latency.summary(), failures };
}

async function main(cleanup: Cleanup): Promise<void> {
  say(
    `bench/inbound: ${CONFIG.messages} REPLY e-mails over ${CONFIG.connections} SMTP connections; ${machineSummary()}`,
  );
  const database = await provideDatabase(cleanup, say);
  const db = new Pool({ connectionString: database.url, max: 4 });
  db.on('error', () => undefined);
  cleanup.add('close the seeding pool', () => db.end());
  say('Seeding…');
  const replies = await seed(db, CONFIG.warmup + CONFIG.messages);
  const port = await freePort();
  const hearth = await startHearthProcess(cleanup, {
    databaseUrl: database.url,
    poolSize: CONFIG.poolSize,
    // The listener runs in the worker; `all` also serves /ready, which the harness waits for.
    role: 'all',
    nodeArgs: CONFIG.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${CONFIG.cpuProfileDir}`] : [],
    env: {
      INBOUND_DOMAIN: DOMAIN,
      INBOUND_SMTP_PORT: String(port),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_SMTP_MAX_CLIENTS: String(CONFIG.connections * 2),
      // The notices the answers cause are queued in the outbox in the same transaction; sending them
      // is the outbox's own benchmark (bench/fanout), so the dispatcher stays idle during this one.
      OUTBOX_POLL_MS: '60000',
    },
  });
  say(`Hearth is up (pid ${hearth.pid}), inbound SMTP on 127.0.0.1:${port}`);

  const warm = await send(port, replies.slice(0, CONFIG.warmup), CONFIG.connections);
  say(`Warm-up: ${CONFIG.warmup} replies at ${num(warm.perSecond)}/s (${warm.failures.length} failures)`);
  const busy = await machineBusy();
  const meter = new CpuMeter(hearth.pid, database.postmasterPid);
  meter.start();
  const run = await send(port, replies.slice(CONFIG.warmup), CONFIG.connections);
  const share = meter.stop();

  const measured = replies.slice(CONFIG.warmup).map((r) => r.userId);
  const { rows: applied } = await db.query<{ rsvps: number; logged: number; other: number }>(
    `SELECT (SELECT count(*)::int FROM rsvps WHERE user_id = ANY($1::uuid[]) AND source = 'calendar'
                AND status IN ('going', 'maybe')) AS rsvps,
            (SELECT count(*)::int FROM inbound_messages WHERE user_id = ANY($1::uuid[]) AND outcome = 'applied') AS logged,
            (SELECT count(*)::int FROM inbound_messages WHERE outcome <> 'applied') AS other`,
    [measured],
  );
  const { rsvps, logged, other } = applied[0];
  const peak = hearth.peakRss();
  await hearth.stop();

  say();
  say('='.repeat(100));
  say(
    `SUMMARY bench/inbound — ${CONFIG.messages} replies, ${CONFIG.connections} SMTP connections, ${CONFIG.events} events; ${machineSummary()}`,
  );
  say();
  const l = run.latency;
  say(
    table(
      [
        'inbound REPLY → RSVP',
        'replies/s',
        'seconds',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'failures',
        'applied',
      ],
      [
        [
          'SMTP listener, end to end',
          num(run.perSecond, 1),
          num(run.seconds, 1),
          ms(l.p50),
          ms(l.p95),
          ms(l.p99),
          ms(l.max),
          String(run.failures.length),
          `${rsvps}/${CONFIG.messages}`,
        ],
      ],
    ),
  );
  say('  latency: from the client sending the message to the 250 that follows the committed RSVP.');
  say(`  inbound log: ${logged} applied rows for the measured replies, ${other} rows with another outcome.`);
  say(`  server peak memory (RSS): ${mib(peak)}`);
  say(`  ${cpu(share)}`);
  if (busy !== null && busy > 25) say(`  (!! the machine was ${busy.toFixed(0)}% busy before the run)`);
  if (run.failures.length > 0) say(`  first failures: ${run.failures.slice(0, 3).join(' | ')}`);
  say();
  const ok = run.perSecond >= TARGET_PER_SECOND && run.failures.length === 0 && rsvps === CONFIG.messages;
  say(
    table(
      [
        'targets (DESIGN §7)',
        `≥ ${TARGET_PER_SECOND} replies/s`,
        'no failures',
        'every reply applied',
        'overall',
      ],
      [
        [
          'inbound',
          `${num(run.perSecond)} ${verdict(run.perSecond >= TARGET_PER_SECOND)}`,
          verdict(run.failures.length === 0),
          verdict(rsvps === CONFIG.messages && logged === CONFIG.messages),
          verdict(ok),
        ],
      ],
    ),
  );
  if (CONFIG.cpuProfileDir) {
    for (const file of cpuProfilesIn(CONFIG.cpuProfileDir)) {
      say();
      say(summarizeCpuProfile(file, REPO_ROOT, 25));
    }
  }
}

runBenchmark(main);
