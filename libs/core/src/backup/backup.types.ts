/** What a backup file holds, written as manifest.json at its root. */
export interface BackupManifest {
  format: 1;
  /** `embedded`: a physical copy of the embedded cluster plus the data folder's secrets; `database`: pg_dump. */
  kind: 'embedded' | 'database';
  createdAt: string;
  serverVersion: string;
  /** The major version of the pg_dump that wrote a `database` backup (pg_restore must be as new). */
  dumpMajor?: number;
}

export interface BackupResult {
  manifest: BackupManifest;
  /** For an embedded backup: whether its PostgreSQL had to be started for it (Hearth was not running). */
  startedPostgres: boolean;
}

export interface RestoreOptions {
  /** Replace what the target holds; without it a non-empty target is refused. */
  force?: boolean;
}

/** A refusal or missing prerequisite the command line reports as is (no stack trace). */
export class BackupError extends Error {
  override name = 'BackupError';
}
