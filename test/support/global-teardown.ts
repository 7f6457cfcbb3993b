import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR } from './database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  const holder = (globalThis as Record<string, unknown>).__hearthEmbedded as
    { embedded: { stop(): Promise<void> }; dataDir: string } | undefined;
  if (adminUrl && template && !holder) {
    // On a shared server drop the template (each test file drops its own copy); an embedded
    // server goes away whole.
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  if (holder) {
    await holder.embedded.stop();
    rmSync(holder.dataDir, { recursive: true, force: true });
  }
}
