import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { processEnv } from '../config/env';
import { BackupError, BackupManifest, BackupResult, RestoreOptions } from './backup.types';
import { chooseTool, findPgTools, PgTool } from './pg-tools';

const run = promisify(execFile);

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

export async function dumpDatabase(
  url: string,
  staging: string,
  pathVariable: string,
): Promise<BackupResult> {
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

export async function restoreDatabase(
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
