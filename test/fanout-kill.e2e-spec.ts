import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { groupWithTopic, hoursAfter, inDays, waitUntil } from './support/fixtures';

/*
 * A fan-out worker killed (SIGKILL) in the middle of a 5,000-recipient invitation job; the event then
 * changes, and a second worker finishes both jobs. Every recipient gets exactly one message per
 * version (distinct Message-IDs at the SMTP server: a resend of the same outbox row after a crash
 * carries the same Message-ID), the newest last.
 */

const ROOT = join(__dirname, '..');
const RECIPIENTS = 5_000;

function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_|SMTP_|SIGNING_|OUTBOX_|INBOUND_|HEARTH_|FANOUT_)/.test(k),
    ),
  );
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

describe('fan-out: a worker killed mid-job (e2e)', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The api alone: the fan-out runs in the worker processes below.
    t = await startTestApp({ HEARTH_ROLE: 'api' });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await t.close();
  });

  const job = async (id: string) =>
    (
      await t.dataSource.query(`SELECT status, rendered, skipped, total FROM fanout_jobs WHERE id = $1`, [id])
    )[0] as { status: string; rendered: number; skipped: number; total: number };

  it('has a second worker finish the job: every recipient exactly one message per version', async () => {
    const { organizer, topicId } = await groupWithTopic(t, 'kill');
    const [{ id: groupId }] = await t.dataSource.query(`SELECT id FROM groups WHERE slug = 'kill'`);
    await t.dataSource.query(
      `WITH u AS (
         INSERT INTO users (email, display_name)
         SELECT 'kill' || i || '@example.org', 'Member ' || i FROM generate_series(1, $1::int) AS i RETURNING id),
       m AS (INSERT INTO memberships (group_id, user_id) SELECT $2, id FROM u)
       INSERT INTO topic_followers (topic_id, user_id) SELECT $3, id FROM u`,
      [RECIPIENTS - 1, groupId, topicId],
    );
    const startsAt = inDays(30, 18);
    const scheduled = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Everyone',
        events: [
          {
            kind: 'virtual_networking',
            title: 'Everyone',
            startsAt,
            endsAt: hoursAfter(startsAt, 1),
            timezone: 'UTC',
            joinUrl: 'https://meet.example.org/kill',
          },
        ],
      })
      .expect(201);
    const eventId = scheduled.body.events[0].id as string;
    const invitationJob = scheduled.body.jobIds[0] as string;
    expect((await job(invitationJob)).total).toBe(RECIPIENTS);

    const workerEnv = {
      DATABASE_URL: t.databaseUrl,
      SIGNING_SECRET: TEST_SECRET,
      PUBLIC_BASE_URL: 'http://hearth.test',
      SMTP_URL: t.smtp.url,
      INBOUND_SMTP_ENABLED: 'false',
      OUTBOX_POLL_MS: '50',
      FANOUT_POLL_MS: '50',
      FANOUT_BATCH_SIZE: '200',
      FANOUT_LEASE_MS: '2000',
      LOG_LEVEL: 'error',
      // No announcements tick (every 60 s by default) while a worker lives: the 5,000 members' daily
      // digests of the new topic would go out after 08:00 UTC, mail that is none of these versions.
      REMINDER_POLL_MS: '3600000',
    };
    const first = startWorkerProcess(workerEnv);
    workers.push(first.child);
    // Killed once a fifth is done, while it holds a batch (claimed, its transaction under way).
    const holding = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM fanout_batches WHERE job_id = $1 AND status = 'claimed'`,
          [invitationJob],
        )
      )[0].n > 0;
    await waitUntil(
      async () => (await job(invitationJob)).rendered >= 1_000 && (await holding()),
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const [{ inFlight }] = await t.dataSource.query(
      `SELECT count(*)::int AS "inFlight" FROM fanout_batches WHERE status = 'claimed'`,
    );
    process.stdout.write(
      `fan-out kill e2e: ${inFlight} batch(es) in flight at the kill, taken over by lease\n`,
    );
    const atKill = await job(invitationJob);
    expect(atKill.status).toBe('running');
    expect(atKill.rendered).toBeLessThan(RECIPIENTS);

    // The event changes while the job is half done.
    const moved = inDays(31, 18);
    const patched = await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: moved, endsAt: hoursAfter(moved, 1) })
      .expect(200);
    const updateJob = patched.body.jobIds[0] as string;

    const second = startWorkerProcess(workerEnv);
    workers.push(second.child);
    await waitUntil(async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE status <> 'sent'`,
      );
      return (await job(updateJob)).status === 'done' && n === 0;
    }, 180_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.output()}`);
    });
    second.child.kill('SIGKILL');

    // Counted at the SMTP server, by Message-ID: per recipient, one message per SEQUENCE.
    const versions = new Map<string, Map<number, Set<string>>>();
    for (const m of t.smtp.received) {
      const to = m.envelopeTo[0];
      const part = m.parsed.attachments.find((a) => a.contentType === 'text/calendar');
      const sequence = Number(/SEQUENCE:(\d+)/.exec(part?.content.toString('utf8') ?? '')?.[1]);
      const byVersion = versions.get(to) ?? new Map<number, Set<string>>();
      byVersion.set(sequence, (byVersion.get(sequence) ?? new Set()).add(m.parsed.messageId ?? ''));
      versions.set(to, byVersion);
    }
    expect(versions.size).toBe(RECIPIENTS);
    let both = 0;
    for (const [, byVersion] of versions) {
      for (const [, ids] of byVersion) expect(ids.size).toBe(1);
      expect(Math.max(...byVersion.keys())).toBe(1);
      if (byVersion.size === 2) both++;
    }
    // Those invited before the change got the update; the rest got the new version only.
    expect(both).toBe((await job(updateJob)).rendered);
    expect(await job(invitationJob)).toMatchObject({ status: 'done', rendered: RECIPIENTS, skipped: 0 });
  }, 400_000);
});
