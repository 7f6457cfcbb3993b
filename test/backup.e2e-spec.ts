import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Env, RawEnv, loadEnv, processEnv } from '../libs/core/src';
import { BackupError, backupHearth, countRows, restoreHearth } from '../libs/core/src/backup/backup';
import { chooseTool, findPgTools } from '../libs/core/src/backup/pg-tools';
import { hashPassword } from '../libs/identity/src/auth/password-hasher';
import { HearthServer, startHearth } from '../apps/api/src/server';
import { freePort } from '../bench/support/ports';
import { TEST_SECRET } from './support/app';
import { TEST_ADMIN_URL_VAR, adminQuery, createTestDatabase, withDatabase } from './support/database';

const run = promisify(execFile);
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'organizer@backup.test';
const ROOT = resolve(__dirname, '..');

/** Hearth's own settings for an in-process boot: free ports, no outgoing mail, quiet. */
function envFor(extra: RawEnv): Env {
  return loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: 'http://hearth.test',
    INBOUND_SMTP_PORT: '0',
    OWNER_EMAIL: 'owner@backup.test',
    DATABASE_POOL_SIZE: '10',
    ...extra,
  });
}

async function signIn(url: string): Promise<string> {
  const res = await request(url)
    .post('/api/auth/login')
    .send({ email: EMAIL, password: PASSWORD })
    .expect(200);
  return String(res.headers['set-cookie']);
}

/** The organizer (with a password) signs in and creates a group and a topic: rows in most tables. */
async function seed(
  url: string,
  insertUser: (sql: string, params: unknown[]) => Promise<unknown>,
): Promise<void> {
  await insertUser(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Organizer', $2)`, [
    EMAIL,
    await hashPassword(PASSWORD),
  ]);
  const cookie = await signIn(url);
  await request(url)
    .post('/api/groups')
    .set('Cookie', cookie)
    .send({
      slug: 'kept',
      name: 'Kept group',
      timezone: 'Europe/Berlin',
      visibility: 'public',
      codeOfConduct: 'Be kind.',
    })
    .expect(201);
  await request(url)
    .post('/api/groups/kept/topics')
    .set('Cookie', cookie)
    .send({ title: 'Still here after a restore?', body: 'Let us see.' })
    .expect(201);
}

const nonEmpty = (counts: Record<string, number>): string[] =>
  Object.keys(counts).filter((table) => counts[table] > 0);

/** The process environment without Hearth's variables, plus `vars` (children get only what we set). */
function childEnv(vars: Record<string, string>): Record<string, string | undefined> {
  const clean = Object.fromEntries(
    Object.entries(processEnv()).filter(
      ([k]) => !/^(DATABASE_|SMTP_URL|SIGNING_SECRET|PORT$|HEARTH_)/.test(k),
    ),
  );
  return { ...clean, ...vars };
}

/** `npm run <script> -- args` as an operator (or cron) runs it. */
function npmRun(script: string, args: string[], vars: Record<string, string>) {
  return run('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: childEnv(vars) });
}

/** `npm start` (main.ts) in a child process on the embedded PostgreSQL of `vars.HEARTH_DATA_DIR`. */
async function startHearthProcess(
  vars: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = String(await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: ROOT,
      env: childEnv({ ...vars, PORT: port, INBOUND_SMTP_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 90_000;
  while (!/Hearth is running at/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`Hearth did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('backup and restore (e2e)', () => {
  describe('embedded PostgreSQL', () => {
    let dir: string;
    let vars: Record<string, string>;
    let before: Record<string, number>;
    let secret: string;
    const dataDir = () => vars.HEARTH_DATA_DIR;
    const databaseUrl = async () => {
      const password = (await readFile(join(dataDir(), 'pg-password'), 'utf8')).trim();
      return `postgres://hearth:${encodeURIComponent(password)}@127.0.0.1:${vars.DATABASE_EMBEDDED_PORT}/hearth`;
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hearth-backup-'));
      // As root the cluster runs as `postgres`, which must pass through to the data folder.
      await chmod(dir, 0o711);
      vars = { HEARTH_DATA_DIR: join(dir, 'data'), DATABASE_EMBEDDED_PORT: String(await freePort()) };
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('backs up while Hearth runs and while it is stopped; a restore has the same rows and signs in', async () => {
      const hearth = await startHearthProcess(vars);
      try {
        const url = await databaseUrl();
        await seed(hearth.url, async (sql, params) => {
          const { Client } = await import('pg');
          const client = new Client({ connectionString: url });
          await client.connect();
          await client.query(sql, params).finally(() => client.end());
        });
        before = await countRows(url);
        expect(nonEmpty(before)).toEqual(
          expect.arrayContaining(['public.users', 'public.groups', 'public.sessions']),
        );
        const running = await npmRun('backup', [join(dir, 'running.tar.gz')], vars);
        expect(running.stdout).toMatch(/Backed up embedded PostgreSQL/);
        expect(running.stdout).not.toContain('started for the backup');
        // A change after the backup is not in it.
        await request(hearth.url)
          .post('/api/groups')
          .set('Cookie', await signIn(hearth.url))
          .send({
            slug: 'later',
            name: 'Later group',
            timezone: 'UTC',
            visibility: 'public',
            codeOfConduct: 'x',
          })
          .expect(201);
      } finally {
        await hearth.stop();
      }
      secret = (await readFile(join(dataDir(), 'signing-secret'), 'utf8')).trim();
      // Hearth is stopped: the backup starts its PostgreSQL for the time it takes.
      const stopped = await npmRun('backup', [join(dir, 'stopped.tar.gz')], vars);
      expect(stopped.stdout).toContain('(started for the backup)');

      for (const [file, groups] of [
        ['running.tar.gz', before['public.groups']],
        ['stopped.tar.gz', before['public.groups'] + 1],
      ] as const) {
        await rm(dataDir(), { recursive: true, force: true });
        await npmRun('restore', [join(dir, file)], vars);
        expect((await readFile(join(dataDir(), 'signing-secret'), 'utf8')).trim()).toBe(secret);
        const restored = await startHearthProcess(vars);
        try {
          const after = await countRows(await databaseUrl());
          expect(after['public.groups']).toBe(groups);
          if (file === 'running.tar.gz') expect(after).toEqual(before);
          await signIn(restored.url);
          await request(restored.url).get('/api/groups/kept').expect(200);
        } finally {
          await restored.stop();
        }
      }
    }, 360_000);

    it('refuses to restore over existing data unless forced', async () => {
      const refused = await npmRun('restore', [join(dir, 'running.tar.gz')], vars).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/already holds Hearth data.*--force/),
      });
      await npmRun('restore', [join(dir, 'running.tar.gz'), '--force'], vars);
      const hearth = await startHearthProcess(vars);
      try {
        expect(await countRows(await databaseUrl())).toEqual(before);
      } finally {
        await hearth.stop();
      }
    }, 300_000);

    it('refuses a file that is not a Hearth backup, leaving the folder empty', async () => {
      const bogus = join(dir, 'bogus');
      await mkdir(bogus);
      await run('tar', ['-czf', join(dir, 'bogus.tar.gz'), '-C', bogus, '.']);
      const empty = envFor({ HEARTH_DATA_DIR: join(dir, 'empty') });
      await expect(restoreHearth(empty, join(dir, 'bogus.tar.gz'))).rejects.toThrow(BackupError);
      expect(await readdir(join(dir, 'empty'))).toEqual([]);
    });
  });

  describe('DATABASE_URL', () => {
    it('dumps with a pg_dump at least as new as the server and restores into an empty database', async () => {
      const db = await createTestDatabase();
      const restoredName = `hearth_r_${Date.now().toString(36)}`;
      const adminUrl = process.env[TEST_ADMIN_URL_VAR] ?? '';
      const env = envFor({ DATABASE_URL: db.url, SIGNING_SECRET: TEST_SECRET });
      const dir = await mkdtemp(join(tmpdir(), 'hearth-dump-'));
      let server: HearthServer | null = await startHearth({ env, databaseUrl: db.url, logLevels: ['error'] });
      try {
        await seed(server.url ?? '', (sql, params) => (server as HearthServer).dataSource.query(sql, params));
        const before = await countRows(db.url);
        const path = processEnv().PATH ?? '';
        const serverMajor = Number(
          (
            await server.dataSource.query<{ n: string }[]>(
              "SELECT current_setting('server_version_num') AS n",
            )
          )[0].n,
        );
        const usable = chooseTool(await findPgTools('pg_dump', path), Math.floor(serverMajor / 10000));
        if (!usable) {
          // No client programs as new as this server here (say, the embedded PostgreSQL 18 with
          // Debian's 15): the backup says what is missing instead of writing a broken file.
          await expect(backupHearth(env, join(dir, 'db.tar.gz'), path)).rejects.toThrow(
            /pg_dump \d+ or newer is needed/,
          );
          return;
        }
        const result = await backupHearth(env, join(dir, 'db.tar.gz'), path);
        expect(result.manifest).toMatchObject({ kind: 'database', dumpMajor: usable.major });
        await server.close();
        server = null;

        await expect(restoreHearth(env, join(dir, 'db.tar.gz'), {}, path)).rejects.toThrow(
          /already has \d+ tables/,
        );
        await adminQuery(adminUrl, `CREATE DATABASE ${restoredName}`);
        const restoredUrl = withDatabase(adminUrl, restoredName);
        const restoredEnv = envFor({ DATABASE_URL: restoredUrl, SIGNING_SECRET: TEST_SECRET });
        await restoreHearth(restoredEnv, join(dir, 'db.tar.gz'), {}, path);
        expect(await countRows(restoredUrl)).toEqual(before);
        server = await startHearth({ env: restoredEnv, databaseUrl: restoredUrl, logLevels: ['error'] });
        await signIn(server.url ?? '');
        // --force replaces what is there.
        await restoreHearth(restoredEnv, join(dir, 'db.tar.gz'), { force: true }, path);
      } finally {
        await server?.close();
        await db.drop();
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
