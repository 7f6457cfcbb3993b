/*
 * bench/outbox — the outbox's half of DESIGN §7's fan-out budget: N invitation-sized messages already
 * queued (rendered with the real invitation template and iMIP part, one ordering key per recipient),
 * drained by one Hearth process (two with OUTBOX_BENCH_WORKERS=2) to a local SMTP sink that accepts and
 * counts. Prints messages/s from the first to the last accepted message, and the peak RSS.
 * `npm run bench:outbox` (OUTBOX_BENCH_MESSAGES, default 20,000). A measurement: exit 0 unless the run
 * itself broke.
 */
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { ITIP_METHOD, invitationCalendarPart } from '@app/calendar';
import { listUnsubscribeHeaders, renderInvitationMail } from '@app/notifications';
import { mkdirSync } from 'node:fs';
import {
  cpu,
  CpuMeter,
  cpuProfilesIn,
  HearthProcess,
  machineSummary,
  mib,
  num,
  provideDatabase,
  runBenchmark,
  say,
  startHearthProcess,
  summarizeCpuProfile,
  table,
  verdict,
  REPO_ROOT,
} from '../support';

const MESSAGES = Number(process.env.OUTBOX_BENCH_MESSAGES ?? 20_000);
const WORKERS = Number(process.env.OUTBOX_BENCH_WORKERS ?? 1);
/** A folder: the server runs with --cpu-prof there and the summary prints where its time went. */
const PROFILE_DIR = process.env.OUTBOX_BENCH_PROFILE_DIR?.trim();
const TARGET_PER_S = 1000;
const RSS_BUDGET = 300 * 1024 * 1024;
const TIMEOUT_MS = 10 * 60_000;

/** One invitation as the fan-out renders it, to copy N times with a recipient of its own. */
function sampleInvitation(): {
  subject: string;
  text: string;
  html: string;
  calendar: unknown;
  headers: unknown;
} {
  const event = {
    title: 'Networking for everyone',
    description: 'Meet the people of the group, short rounds of five minutes.',
    startsAt: new Date('2027-01-15T17:00:00Z'),
    endsAt: new Date('2027-01-15T18:00:00Z'),
    timezone: 'Europe/Berlin',
    location: null,
    joinUrl: 'https://meet.example.org/fanout',
    status: 'CONFIRMED' as const,
    eventUrl: 'https://hearth.example/events/3f2a9c1e-7f0e-4d7e-9d55-0c1f6f3a2b10',
    topicUrl: 'https://hearth.example/topics/88',
  };
  const link = (a: string) => `https://hearth.example/rsvp/${'t'.repeat(180)}?answer=${a}`;
  const mail = renderInvitationMail({
    kind: 'invitation',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    recipientName: 'Member 12345',
    groupName: 'Fan-out group',
    event,
    rsvpLinks: { going: link('going'), maybe: link('maybe'), cantGo: link('declined') },
  });
  const calendar = invitationCalendarPart({
    method: ITIP_METHOD.REQUEST,
    uid: 'evt-3f2a@hearth.example',
    sequence: 0,
    dtstamp: new Date(),
    event,
    organizer: { name: 'Fan-out group', email: `rsvp+${'r'.repeat(60)}@in.hearth.example` },
    attendee: { name: 'Member 12345', email: 'member-12345@bench.example', partstat: 'NEEDS-ACTION' },
    locale: 'en-GB',
  });
  const headers = {
    'Reply-To': `rsvp+${'r'.repeat(60)}@in.hearth.example`,
    ...listUnsubscribeHeaders(`https://hearth.example/api/unsubscribe/${'u'.repeat(200)}`),
  };
  return { ...mail, calendar, headers };
}

async function seedQueue(pool: Pool): Promise<number> {
  const mail = sampleInvitation();
  await pool.query(
    `INSERT INTO outbox_messages (id, purpose, recipient, subject, text_body, html_body, headers, calendar,
                                  attachments, message_id, ordering_key, status, attempts, next_attempt_at)
     SELECT id, 'event_invitation', 'member-' || n || '@bench.example', $2, $3, $4, $5::jsonb, $6::jsonb,
            '[]'::jsonb, '<' || id || '@in.hearth.example>', 'event:bench:user:' || n, 'queued', 0, now()
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1::int) AS n) s`,
    [
      MESSAGES,
      mail.subject,
      mail.text,
      mail.html,
      JSON.stringify(mail.headers),
      JSON.stringify(mail.calendar),
    ],
  );
  await pool.query('ANALYZE outbox_messages');
  return Buffer.byteLength(mail.text) + Buffer.byteLength(mail.html) + JSON.stringify(mail.calendar).length;
}

runBenchmark(async (cleanup) => {
  say(
    `bench/outbox: ${num(MESSAGES)} queued invitations drained by ${WORKERS} process(es) to a local SMTP sink`,
  );
  say(machineSummary());
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  cleanup.add('seed pool', () => pool.end());
  const bytes = await seedQueue(pool);
  say(`seeded ${num(MESSAGES)} queued messages of about ${num(bytes / 1024, 1)} KiB of content each`);

  const seen = new Set<string>();
  let received = 0;
  let duplicates = 0;
  let firstAt = 0;
  let lastAt = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 200,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
        if (seen.has(id)) duplicates++;
        seen.add(id);
        received++;
        lastAt = performance.now();
        if (firstAt === 0) firstAt = lastAt;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  cleanup.add('smtp sink', () => new Promise<void>((resolve) => sink.close(() => resolve())));
  const smtpPort = (sink.server.address() as AddressInfo).port;

  const smtpUrl = process.env.OUTBOX_BENCH_SMTP_QUERY ?? 'pool=true&maxConnections=8';
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const workers: HearthProcess[] = [];
  const t0 = performance.now();
  for (let i = 0; i < WORKERS; i++) {
    workers.push(
      await startHearthProcess(cleanup, {
        databaseUrl: db.url,
        poolSize: 10,
        role: 'all',
        nodeArgs: [
          ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
          ...(process.env.OUTBOX_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ],
        env: {
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}?${smtpUrl}`,
          OUTBOX_POLL_MS: '50',
          INBOUND_SMTP_ENABLED: 'false',
          OUTBOX_BATCH_SIZE: process.env.OUTBOX_BATCH_SIZE ?? '200',
        },
      }),
    );
  }
  // Measured over the drain: the server(s), PostgreSQL and this process (the SMTP sink) share the cores.
  const meter = new CpuMeter(workers.length === 1 ? workers[0].pid : null, db.postmasterPid ?? null);
  meter.start();
  const meterStart = performance.now();
  const deadline = Date.now() + TIMEOUT_MS;
  while (received < MESSAGES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const share = meter.stop();
  const meterS = (performance.now() - meterStart) / 1000;
  if (received < MESSAGES) throw new Error(`only ${received} of ${MESSAGES} messages arrived in time`);
  // Let the last outcomes reach the database before counting.
  await new Promise((r) => setTimeout(r, 1000));
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox_messages GROUP BY status ORDER BY status`,
  );
  const drainS = (lastAt - firstAt) / 1000;
  const rate = received / drainS;
  const peak = Math.max(...workers.map((w) => w.peakRss()));

  say('');
  say(
    table(
      ['measure', 'value', 'target'],
      [
        ['messages accepted', num(received), num(MESSAGES)],
        ['duplicates (by Message-ID)', num(duplicates), '0'],
        ['start to last accepted', `${num((lastAt - t0) / 1000, 2)} s`, ''],
        ['first to last accepted', `${num(drainS, 2)} s`, ''],
        ['messages per second', num(rate), `>= ${num(TARGET_PER_S)} ${verdict(rate >= TARGET_PER_S)}`],
        [
          'server CPU per message',
          share.server === null ? 'n/a' : `${num((share.server * 10 * meterS) / received, 2)} ms`,
          '',
        ],
        ['peak RSS per process', mib(peak), `< 300 MiB ${verdict(peak < RSS_BUDGET)}`],
        [
          'outbox rows by status',
          rows.map((r) => `${r.status} ${num(r.n)}`).join(', '),
          `sent ${num(MESSAGES)}`,
        ],
      ],
    ),
  );
  say(cpu(share));
  if (PROFILE_DIR) {
    await Promise.all(workers.map((w) => w.stop()));
    for (const file of cpuProfilesIn(PROFILE_DIR)) say(`\n${summarizeCpuProfile(file, REPO_ROOT, 25)}`);
  }
});
