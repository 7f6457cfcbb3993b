import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed password sign-ins, one row each, kept a day: the throttle reads sliding windows from them
 * per (account, client address), per client address and per account. Unlogged like the rate-limit
 * counters: after a crash the throttle starts afresh, which is safe. Account and address are
 * stored hashed.
 */
export class CreatePasswordFailures1765000100000 implements MigrationInterface {
  name = 'CreatePasswordFailures1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE password_failures (
        id bigint GENERATED ALWAYS AS IDENTITY,
        account_hash text NOT NULL,
        client_hash text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_password_failures" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX "IDX_password_failures_account_hash_failed_at" ON password_failures (account_hash, failed_at)`,
    );
    await q.query(
      `CREATE INDEX "IDX_password_failures_client_hash_failed_at" ON password_failures (client_hash, failed_at)`,
    );
    await q.query(`CREATE INDEX "IDX_password_failures_failed_at" ON password_failures (failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_failures`);
  }
}
