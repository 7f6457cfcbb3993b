import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EmbeddedDatabase } from '../database/embedded-postgres';
import { randomToken } from '../security/tokens';
import { ConfigError, Env } from './env';

export interface Runtime {
  databaseUrl: string;
  /** Set when Hearth started its own PostgreSQL; stopped on shutdown. */
  embedded?: EmbeddedDatabase;
}

/**
 * Resolves what the configuration leaves to the runtime: with DATABASE_URL, that database and an
 * explicit SIGNING_SECRET (several processes must share it); without, an embedded PostgreSQL and a
 * secret generated once and kept in the data folder.
 */
export async function resolveRuntime(env: Env, onLog?: (line: unknown) => void): Promise<Runtime> {
  if (env.DATABASE_URL) {
    if (!env.SIGNING_SECRET) {
      throw new ConfigError(['SIGNING_SECRET is required when DATABASE_URL is set (at least 32 characters)']);
    }
    return { databaseUrl: env.DATABASE_URL };
  }
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // PostgreSQL runs as its own user when we are root: it must be able to pass through (not list).
  await chmod(dataDir, 0o711);
  env.SIGNING_SECRET ??= await persistentSecret(join(dataDir, 'signing-secret'));
  // Loaded only here: embedded-postgres is ESM, which jest's module system cannot load, and a process
  // given DATABASE_URL never needs it (backup.ts does the same).
  const { startEmbeddedPostgres } = await import('../database/embedded-postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: env.DATABASE_EMBEDDED_PORT,
    database: 'hearth',
    onLog,
  });
  return { databaseUrl: embedded.url, embedded };
}

async function persistentSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomToken(48);
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
