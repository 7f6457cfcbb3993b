/*
 * `npm run backup -- <file>`: a consistent backup of Hearth's database (embedded or DATABASE_URL) and,
 * embedded, the generated signing secret, as one .tar.gz. See libs/core/src/backup/backup.ts.
 */
import { BackupError, ConfigError, backupHearth, loadEnv, processEnv } from '@app/core';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('-'));
  if (!file || args.length !== 1) {
    process.stderr.write('usage: npm run backup -- <file.tar.gz>\n');
    return 64;
  }
  const raw = processEnv();
  const env = loadEnv(raw);
  const result = await backupHearth(env, file, raw.PATH ?? '');
  const how = env.DATABASE_URL
    ? 'pg_dump of DATABASE_URL'
    : `embedded PostgreSQL in ${env.HEARTH_DATA_DIR}${result.startedPostgres ? ' (started for the backup)' : ''}`;
  process.stdout.write(`Backed up ${how}, PostgreSQL ${result.manifest.serverVersion}, to ${file}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BackupError || error instanceof ConfigError) {
      process.stderr.write(`backup: ${error.message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    }
    process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
