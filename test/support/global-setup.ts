// Global setup runs outside jest's module mapper, so resolve @app/* through tsconfig paths here.
import { register, loadConfig } from 'tsconfig-paths';
const paths = loadConfig(__dirname);
if (paths.resultType === 'success') register({ baseUrl: paths.absoluteBaseUrl, paths: paths.paths });
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { DataSource } from 'typeorm';
// Straight from core's database files, not its index: global setup needs no Nest modules, and
// migrations need no entities.
import { buildDataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { runMigrations } from '../../libs/core/src/database/migrate';
import { MIGRATIONS } from '../../migrations';
import { TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR, adminQuery, withDatabase } from './database';

/**
 * Once per `npm test`: find PostgreSQL (DATABASE_URL, else an embedded one started here), create a
 * template database and apply every migration to it from zero. Each test file then copies it.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const { startEmbeddedPostgres } = await import('../../libs/core/src/database/embedded-postgres');
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-test-'));
    chmodSync(dataDir, 0o755);
    // A port the kernel has just found free, not a random one that something may be using (that
    // range is also where outgoing connections take their local ports).
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const embedded = await startEmbeddedPostgres({ dataDir, port, database: 'hearth_test' });
    (globalThis as Record<string, unknown>).__hearthEmbedded = { embedded, dataDir };
    adminUrl = embedded.url;
  }
  const template = `hearth_tpl_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const dataSource = new DataSource(
    buildDataSourceOptions(withDatabase(adminUrl, template), { entities: [], migrations: MIGRATIONS }, 2),
  );
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[TEST_ADMIN_URL_VAR] = adminUrl;
  process.env[TEST_TEMPLATE_VAR] = template;
}
