/*
 * bench/fanout — DESIGN §7: 10,000 personalised invitations rendered, queued through the outbox and
 * accepted by a local SMTP server. One organizer schedules a follow-up from a topic with 10,000
 * followers; the clock runs from that request to the last message the SMTP server accepts.
 * `npm run bench:fanout` (FANOUT_RECIPIENTS to change the size). A measurement: exit 0 unless the
 * run itself broke.
 */
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import {
  HttpClient,
  machineSummary,
  mib,
  num,
  provideDatabase,
  runBenchmark,
  say,
  seedGroup,
  seedMembers,
  seedUsers,
  startHearthProcess,
  table,
  verdict,
} from '../support';

const RECIPIENTS = Number(process.env.FANOUT_RECIPIENTS ?? 10_000);
const TARGET_S = 60;
const TIMEOUT_MS = 10 * 60_000;

runBenchmark(async (cleanup) => {
  say(`bench/fanout: ${num(RECIPIENTS)} personalised invitations through the outbox to a local SMTP server`);
  say(machineSummary());
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  cleanup.add('seed pool', () => pool.end());

  const [organizer] = await seedUsers(pool, 1, { prefix: 'organizer' });
  const members = await seedUsers(pool, RECIPIENTS - 1, { prefix: 'member' });
  const groupId = await seedGroup(pool, {
    slug: 'fanout',
    name: 'Fan-out group',
    visibility: 'public',
    ownerId: organizer.id,
  });
  await seedMembers(
    pool,
    groupId,
    members.map((m) => m.id),
  );
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO topics (group_id, author_id, title, body) VALUES ($1, $2, 'Big topic', 'Everyone follows') RETURNING id`,
    [groupId, organizer.id],
  );
  const topicId = rows[0].id;
  await pool.query(
    `INSERT INTO topic_followers (topic_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u`,
    [topicId, members.map((m) => m.id)],
  );
  say(`seeded ${num(RECIPIENTS)} participants (the organizer and ${num(members.length)} followers)`);

  // The sink: accepts and counts, keeps nothing, so the bench measures Hearth rather than a parser.
  let received = 0;
  let lastAt = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 100,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  cleanup.add('smtp sink', () => new Promise<void>((resolve) => sink.close(() => resolve())));
  const smtpPort = (sink.server.address() as AddressInfo).port;

  const hearth = await startHearthProcess(cleanup, {
    databaseUrl: db.url,
    poolSize: 10,
    role: 'all',
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?pool=true&maxConnections=8`,
      OUTBOX_POLL_MS: '50',
      OUTBOX_BATCH_SIZE: '200',
    },
  });
  const http = new HttpClient(hearth.url, 1, 300_000);
  cleanup.add('http client', () => http.close());

  const start = new Date(Date.now() + 7 * 24 * 3600_000);
  const body = JSON.stringify({
    title: 'Fan-out',
    events: [
      {
        kind: 'virtual_networking',
        title: 'Networking for everyone',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/fanout',
      },
    ],
  });
  const t0 = performance.now();
  const res = await http.request('POST', `/api/topics/${topicId}/series`, {
    headers: { cookie: organizer.cookie },
    body,
  });
  const scheduledMs = performance.now() - t0;
  if (res.status !== 201) throw new Error(`scheduling failed: ${res.status} ${res.body}`);
  say(`scheduled in ${num(scheduledMs)} ms (invitations rendered and queued in that transaction)`);

  const deadline = Date.now() + TIMEOUT_MS;
  while (received < RECIPIENTS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  if (received < RECIPIENTS) throw new Error(`only ${received} of ${RECIPIENTS} messages arrived in time`);
  const totalS = (lastAt - t0) / 1000;
  const [{ failed }] = (
    await pool.query<{ failed: number }>(
      `SELECT count(*)::int AS failed FROM outbox_messages WHERE status = 'failed'`,
    )
  ).rows;

  say('');
  say(
    table(
      ['measure', 'value', 'target'],
      [
        ['invitations delivered', num(received), num(RECIPIENTS)],
        ['request (render + queue)', `${num(scheduledMs / 1000, 2)} s`, ''],
        [
          'total, request to last accepted',
          `${num(totalS, 2)} s`,
          `< ${TARGET_S} s ${verdict(totalS < TARGET_S)}`,
        ],
        ['messages per second', num(received / totalS), ''],
        ['server peak RSS', mib(hearth.peakRss()), ''],
        ['outbox rows failed', num(failed), '0'],
      ],
    ),
  );
});
