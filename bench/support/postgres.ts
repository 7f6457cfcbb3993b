import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '@app/core';
import { startEmbeddedPostgres } from '@app/core/database/embedded-postgres';
import { HEARTH_SCHEMA } from '@app/runtime';
import { Cleanup } from './cleanup';
import { freePort } from './ports';
import { commandOf, parentPidOf } from './system';

export interface BenchDatabase {
  /** Connection URL of the fresh, migrated database. */
  url: string;
  name: string;
  /** Where the server came from, for the report. */
  server: 'DATABASE_URL' | 'embedded';
  serverVersion: string;
  maxConnections: number;
  migrations: number;
  /** The postmaster's pid when the server runs on this machine (for CPU figures), else null. */
  postmasterPid: number | null;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL database for one benchmark run, migrated from zero. With DATABASE_URL, a fresh
 * database `hearth_bench_<random>` on that server (dropped at the end); otherwise the embedded
 * PostgreSQL Hearth ships with, started in a temporary folder (stopped and removed at the end).
 */
export async function provideDatabase(
  cleanup: Cleanup,
  log: (line: string) => void = () => undefined,
): Promise<BenchDatabase> {
  const name = `hearth_bench_${randomBytes(5).toString('hex')}`;
  const adminUrl = process.env.DATABASE_URL?.trim();
  let url: string;
  let server: BenchDatabase['server'];
  if (adminUrl) {
    server = 'DATABASE_URL';
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    cleanup.add(`drop database ${name}`, () =>
      withClient(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
    );
    url = withDatabase(adminUrl, name);
    log(`Created database ${name} on the DATABASE_URL server`);
  } else {
    server = 'embedded';
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
    cleanup.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
    // As root, PostgreSQL runs as its own user and must be able to pass through the folder.
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
    const embedded = await startEmbeddedPostgres({ dataDir, port, database: name });
    cleanup.add('stop embedded PostgreSQL', () => embedded.stop());
    url = embedded.url;
  }

  const dataSource = new DataSource(buildDataSourceOptions(url, HEARTH_SCHEMA, 2));
  await dataSource.initialize();
  let migrations: string[];
  try {
    migrations = await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const { serverVersion, maxConnections, postmasterPid } = await withClient(url, async (c) => {
    const { rows } = await c.query<{ v: string; n: number; pid: number }>(
      `SELECT current_setting('server_version') AS v, current_setting('max_connections')::int AS n,
              pg_backend_pid() AS pid`,
    );
    // A backend's parent is the postmaster: both visible here as postgres processes = a local server.
    const parent = commandOf(rows[0].pid) === 'postgres' ? parentPidOf(rows[0].pid) : null;
    return {
      serverVersion: rows[0].v,
      maxConnections: rows[0].n,
      postmasterPid: parent !== null && commandOf(parent) === 'postgres' ? parent : null,
    };
  });
  return {
    url,
    name,
    server,
    serverVersion,
    maxConnections,
    migrations: migrations.length,
    postmasterPid,
  };
}
