import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadEnv, queryRows } from '../libs/core/src';
import { OutboxDispatcher, OutboxService } from '@app/mail';
import { OutboxRepository } from '../libs/mail/src/outbox/outbox.repository';
import { HEARTH_SCHEMA } from '@app/runtime';
import { HearthServer, startHearth } from '../apps/api/src/server';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { createTestDatabase } from './support/database';
import { waitUntil } from './support/fixtures';
import { TestSmtpServer } from './support/smtp';

const ROOT = join(__dirname, '..');

/** `HEARTH_ROLE=worker` as production runs it: apps/worker/src/main.ts in a process of its own. */
function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_|SMTP_|SIGNING_|OUTBOX_|INBOUND_|HEARTH_)/.test(k),
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

const countBy = (values: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

describe('outbox leases: a dead worker (e2e)', () => {
  const MESSAGES = 30;
  let db: { url: string; drop(): Promise<void> };
  let smtp: TestSmtpServer;
  let dataSource: DataSource;
  let worker: ChildProcess | undefined;
  let second: HearthServer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtpServer().start();
    dataSource = new DataSource(buildDataSourceOptions(db.url, HEARTH_SCHEMA, 2));
    await dataSource.initialize();
  });
  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await second?.close();
    await dataSource.destroy();
    await smtp.stop();
    await db.drop();
  });

  const statuses = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await dataSource.query(`SELECT status, count(*)::int AS n FROM outbox_messages GROUP BY status`)).map(
        (r: { status: string; n: number }) => [r.status, r.n],
      ),
    );

  it('has another worker deliver the messages of a worker killed mid-batch within 60 s, each exactly once', async () => {
    const workerEnv = {
      DATABASE_URL: db.url,
      SIGNING_SECRET: TEST_SECRET,
      SMTP_URL: smtp.url,
      INBOUND_SMTP_ENABLED: 'false',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BATCH_SIZE: '20',
      LOG_LEVEL: 'error',
      // The lease and heartbeat are the defaults (30 s, 10 s): what production gets.
    };
    const outbox = new OutboxService(loadEnv({ INBOUND_DOMAIN: 'hearth.localhost' }), new OutboxRepository());
    await dataSource.transaction((tx) =>
      outbox.enqueue(
        tx,
        ...Array.from({ length: MESSAGES }, (_, i) => ({
          purpose: 'test',
          to: `lease${i}@example.org`,
          subject: `n${i}`,
          text: 'x',
        })),
      ),
    );
    // A slow relay: the first messages are answered 1.5 s after their DATA; once one is accepted, the
    // rest are held (20 s, longer than the test waits before the kill), so the kill lands while some of
    // the batch is accepted and recorded and the rest is in flight — and nothing is accepted between
    // the check below and the kill (sent marks are recorded in batches, up to 25 ms after acceptance).
    smtp.acceptDelay = () => (smtp.received.length === 0 ? 1500 : 20_000);
    const first = startWorkerProcess(workerEnv);
    worker = first.child;
    await waitUntil(
      async () =>
        smtp.received.length > 0 && smtp.pending > 0 && (await statuses()).sent === smtp.received.length,
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((resolve) => first.child.once('exit', resolve));
    const acceptedBeforeKill = smtp.received.length;
    const before = await statuses();
    expect(before.sending).toBeGreaterThan(0);
    expect(acceptedBeforeKill).toBeLessThan(MESSAGES);

    smtp.acceptDelay = () => 0;
    second = await startHearth({
      env: loadEnv({ ...workerEnv, HEARTH_ROLE: 'worker' }),
      databaseUrl: db.url,
      logLevels: ['error', 'fatal'],
    });
    await waitUntil(async () => (await statuses()).sent === MESSAGES, 60_000);
    const tookOverMs = Date.now() - killedAt;
    process.stdout.write(
      `outbox lease e2e: the dead worker's mail was delivered ${tookOverMs} ms after the kill\n`,
    );
    expect(tookOverMs).toBeLessThan(60_000);

    const ids: Array<{ message_id: string; attempts: number }> = await dataSource.query(
      `SELECT message_id, attempts FROM outbox_messages`,
    );
    const received = countBy(smtp.received.map((m) => m.parsed.messageId ?? ''));
    expect(received.size).toBe(MESSAGES);
    for (const { message_id } of ids) expect(received.get(message_id)).toBe(1);
    // The dead worker's claims were taken over: claimed once by it, once more by the second worker.
    expect(ids.filter((r) => r.attempts === 2).length).toBe(before.sending);
    // A child process boots slowly on a busy machine; the lease alone takes 30 s.
  }, 240_000);
});

describe('outbox leases: a live worker (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_LEASE_MS: '1500', OUTBOX_HEARTBEAT_MS: '300' });
  });
  afterAll(() => t.close());

  const enqueue = (to: string) =>
    t.dataSource.transaction((tx) =>
      t.server.app.get(OutboxService).enqueue(tx, { purpose: 'test', to, subject: 'slow', text: 'x' }),
    );

  it('keeps its claim through a send longer than the lease, while other workers keep claiming', async () => {
    t.smtp.acceptDelay = ({ to }) => (to === 'slow@example.org' ? 5000 : 0);
    const [id] = await enqueue('slow@example.org');
    const dispatcher = t.server.app.get(OutboxDispatcher);
    await waitUntil(
      async () =>
        (await t.dataSource.query(`SELECT status FROM outbox_messages WHERE id = $1`, [id]))[0].status ===
        'sending',
    );
    // Another worker polling the whole time (over three leases) never gets the row.
    const until = Date.now() + 5500;
    while (Date.now() < until) {
      await dispatcher.dispatchOnce();
      await new Promise((r) => setTimeout(r, 100));
    }
    await t.smtp.waitFor('slow@example.org');
    await waitUntil(
      async () =>
        (await t.dataSource.query(`SELECT status FROM outbox_messages WHERE id = $1`, [id]))[0].status ===
        'sent',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(t.smtp.to('slow@example.org')).toHaveLength(1);
    const [row] = await t.dataSource.query(`SELECT attempts FROM outbox_messages WHERE id = $1`, [id]);
    expect(row.attempts).toBe(1);
  });

  it('does not let a worker that lost its claim mark a row another worker now holds', async () => {
    // The relay holds the message until the row has been taken over (not for a fixed second, which a
    // loaded machine may spend between seeing the claim and taking it over).
    let takenOver = (): void => undefined;
    const held = new Promise<void>((resolve) => (takenOver = resolve));
    t.smtp.acceptDelay = ({ to }) => (to === 'stale@example.org' ? held : 0);
    let token: string;
    let id: string;
    try {
      [id] = await enqueue('stale@example.org');
      await waitUntil(
        async () =>
          (await t.dataSource.query(`SELECT status FROM outbox_messages WHERE id = $1`, [id]))[0].status ===
          'sending',
      );
      // As if the lease had run out and another worker had claimed the row meanwhile.
      [{ token }] = await queryRows<{ token: string }>(
        t.dataSource,
        `UPDATE outbox_messages SET lease_token = gen_random_uuid(), locked_until = now() + interval '1 hour'
          WHERE id = $1 RETURNING lease_token AS token`,
        [id],
      );
    } finally {
      takenOver();
    }
    await t.smtp.waitFor('stale@example.org');
    await new Promise((r) => setTimeout(r, 700));
    const [row] = await t.dataSource.query(`SELECT status, lease_token FROM outbox_messages WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ status: 'sending', lease_token: token });
  });
});
