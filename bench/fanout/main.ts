/*
 * bench/fanout — issue 12.4 / DESIGN §7: personalised invitations to every participant of a topic,
 * rendered by fan-out workers from a background job, queued through the outbox and accepted by a local
 * SMTP server. One organizer schedules a follow-up from a topic that FANOUT_RECIPIENTS people take part
 * in (default 10,000; the budget run is 100,000). The api (HEARTH_ROLE=api) and FANOUT_WORKERS worker
 * processes (HEARTH_ROLE=worker, default 1) run separately, so each one's peak RSS is measured alone.
 * The clock runs from the scheduling request to the last message the SMTP server accepts.
 * `npm run bench:fanout`. A measurement: exit 0 unless the run itself broke.
 */
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import {
  HearthProcess,
  HttpClient,
  machineSummary,
  mib,
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

const RECIPIENTS = Number(process.env.FANOUT_RECIPIENTS ?? 10_000);
const WORKERS = Math.max(1, Number(process.env.FANOUT_WORKERS ?? 1));
const REQUEST_BUDGET_MS = 500;
const RSS_BUDGET = 300 * 1024 * 1024;
const RATE_BUDGET = 1_000;
const TIMEOUT_MS = 30 * 60_000;
/**
 * The V8 sizing README recommends for worker processes (HEARTH worker role): smaller young-generation
 * semi-spaces and a bounded old space keep a fan-out's churn from growing the heap far past its live
 * set. BENCH_WORKER_NODE_ARGS replaces it ('' for Node's defaults).
 */
const WORKER_NODE_ARGS = (
  process.env.BENCH_WORKER_NODE_ARGS ?? '--max-semi-space-size=4 --max-old-space-size=256'
)
  .split(' ')
  .filter(Boolean);

/** The organizer and RECIPIENTS - 1 members following one topic, seeded in SQL. */
async function seed(pool: Pool): Promise<{ organizer: { cookie: string }; topicId: string }> {
  const [organizer] = await seedUsers(pool, 1, { prefix: 'organizer' });
  const groupId = await seedGroup(pool, {
    slug: 'fanout',
    name: 'Fan-out group',
    visibility: 'public',
    ownerId: organizer.id,
  });
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO topics (group_id, author_id, title, body) VALUES ($1, $2, 'Big topic', 'Everyone follows') RETURNING id`,
    [groupId, organizer.id],
  );
  const topicId = rows[0].id;
  const CHUNK = 20_000;
  for (let from = 1; from < RECIPIENTS; from += CHUNK) {
    const to = Math.min(RECIPIENTS - 1, from + CHUNK - 1);
    await pool.query(
      `WITH u AS (
         INSERT INTO users (email, display_name)
         SELECT 'member' || i || '@bench.example', 'Member ' || i FROM generate_series($1::int, $2::int) AS i
         RETURNING id),
       m AS (INSERT INTO memberships (group_id, user_id) SELECT $3, id FROM u)
       INSERT INTO topic_followers (topic_id, user_id) SELECT $4, id FROM u`,
      [from, to, groupId, topicId],
    );
  }
  await pool.query('ANALYZE');
  return { organizer, topicId };
}

/** The sink: accepts and counts, keeps nothing, so the bench measures Hearth rather than a parser. */
async function startSink(cleanup: Parameters<Parameters<typeof runBenchmark>[0]>[0]) {
  const state = { received: 0, lastAt: 0 };
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 200,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        state.received++;
        state.lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  cleanup.add('smtp sink', () => new Promise<void>((resolve) => sink.close(() => resolve())));
  return { state, port: (sink.server.address() as AddressInfo).port };
}

runBenchmark(async (cleanup) => {
  say(
    `bench/fanout: ${num(RECIPIENTS)} personalised invitations, a fan-out job run by ${WORKERS} worker process(es), through the outbox to a local SMTP server`,
  );
  say(machineSummary());
  say(`worker node flags: ${WORKER_NODE_ARGS.join(' ') || '(Node defaults)'}`);
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  cleanup.add('seed pool', () => pool.end());
  const { organizer, topicId } = await seed(pool);
  say(`seeded ${num(RECIPIENTS)} participants (the organizer and ${num(RECIPIENTS - 1)} followers)`);
  const sink = await startSink(cleanup);

  const api = await startHearthProcess(cleanup, { databaseUrl: db.url, poolSize: 10, role: 'api' });
  const workers: HearthProcess[] = [];
  for (let i = 0; i < WORKERS; i++) {
    workers.push(
      await startHearthProcess(cleanup, {
        databaseUrl: db.url,
        poolSize: 10,
        role: 'worker',
        nodeArgs: WORKER_NODE_ARGS,
        env: {
          SMTP_URL: `smtp://127.0.0.1:${sink.port}?pool=true&maxConnections=8`,
          INBOUND_SMTP_ENABLED: 'false',
          OUTBOX_POLL_MS: '50',
          OUTBOX_BATCH_SIZE: '200',
          FANOUT_POLL_MS: '50',
          FANOUT_BATCH_SIZE: process.env.FANOUT_BATCH_SIZE ?? '500',
        },
      }),
    );
  }
  const http = new HttpClient(api.url, 1, 300_000);
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
  const jobId = (JSON.parse(res.body) as { jobIds: string[] }).jobIds[0];
  say(`scheduled in ${num(scheduledMs)} ms (one fan-out job recorded: ${jobId})`);

  const deadline = Date.now() + TIMEOUT_MS;
  let lastReport = Date.now();
  while (sink.state.received < RECIPIENTS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      const [{ rendered }] = (
        await pool.query<{ rendered: number }>(`SELECT rendered FROM fanout_jobs WHERE id = $1`, [jobId])
      ).rows;
      say(
        `  … ${num(rendered)} rendered, ${num(sink.state.received)} accepted after ${num((performance.now() - t0) / 1000, 1)} s; ` +
          `peak RSS so far: api ${mib(api.peakRss())}, workers ${workers.map((w) => mib(w.peakRss())).join(', ')}`,
      );
    }
  }
  if (sink.state.received < RECIPIENTS) {
    throw new Error(`only ${sink.state.received} of ${RECIPIENTS} messages arrived in time`);
  }
  const totalS = (sink.state.lastAt - t0) / 1000;
  const rate = sink.state.received / totalS;
  const [{ failed }] = (
    await pool.query<{ failed: number }>(
      `SELECT count(*)::int AS failed FROM outbox_messages WHERE status = 'failed'`,
    )
  ).rows;
  const [job] = (
    await pool.query<{ status: string; rendered: number; finished_s: number }>(
      `SELECT status, rendered, extract(epoch FROM finished_at - created_at)::float AS finished_s
         FROM fanout_jobs WHERE id = $1`,
      [jobId],
    )
  ).rows;
  const apiRss = api.peakRss();
  const workerRss = workers.map((w) => w.peakRss());

  say('');
  say(
    table(
      ['measure', 'value', 'budget'],
      [
        ['invitations delivered', num(sink.state.received), num(RECIPIENTS)],
        [
          'scheduling request',
          `${num(scheduledMs)} ms`,
          `< ${REQUEST_BUDGET_MS} ms ${verdict(scheduledMs < REQUEST_BUDGET_MS)}`,
        ],
        [
          'job rendered and queued',
          `${num(job.finished_s ?? NaN, 1)} s (${job.status}, ${num(job.rendered)})`,
          '',
        ],
        ['request to last accepted', `${num(totalS, 2)} s`, ''],
        [
          `messages per second (${WORKERS} worker${WORKERS > 1 ? 's' : ''} combined)`,
          num(rate),
          `>= ${num(RATE_BUDGET)} ${verdict(rate >= RATE_BUDGET)}`,
        ],
        ['api peak RSS', mib(apiRss), `< 300 MiB ${verdict(apiRss < RSS_BUDGET)}`],
        ...workerRss.map((rss, i) => [
          `worker ${i + 1} peak RSS`,
          mib(rss),
          `< 300 MiB ${verdict(rss < RSS_BUDGET)}`,
        ]),
        ['outbox rows failed', num(failed), '0'],
      ],
    ),
  );
  const met =
    scheduledMs < REQUEST_BUDGET_MS &&
    rate >= RATE_BUDGET &&
    apiRss < RSS_BUDGET &&
    workerRss.every((r) => r < RSS_BUDGET) &&
    failed === 0;
  say(`budgets ${met ? 'met' : 'not met'}`);
});
