import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Env } from '../config/env';
import { BackupError, BackupManifest, BackupResult, RestoreOptions } from './backup.types';
import { dumpDatabase, restoreDatabase } from './database-backup';
import { copyEmbedded, restoreEmbedded } from './embedded-backup';

export { BackupError, type BackupManifest, type BackupResult, type RestoreOptions } from './backup.types';
export { countRows } from './database-backup';

const run = promisify(execFile);

const MANIFEST = 'manifest.json';

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
