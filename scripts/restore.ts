/*
 * `npm run restore -- <file> [--force]`: restores a backup made by `npm run backup` into an empty data
 * folder (embedded) or an empty database (DATABASE_URL); --force replaces what is there.
 */
import { BackupError, ConfigError, loadEnv, processEnv, restoreHearth } from '@app/core';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0].startsWith('-')) {
    process.stderr.write('usage: npm run restore -- <file.tar.gz> [--force]\n');
    return 64;
  }
  const raw = processEnv();
  const env = loadEnv(raw);
  const manifest = await restoreHearth(env, files[0], { force }, raw.PATH ?? '');
  const into = env.DATABASE_URL ? 'DATABASE_URL' : env.HEARTH_DATA_DIR;
  process.stdout.write(`Restored the backup of ${manifest.createdAt} into ${into}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BackupError || error instanceof ConfigError) {
      process.stderr.write(`restore: ${error.message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    }
    process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
