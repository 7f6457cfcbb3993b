import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fan-out batch that keeps failing (a message that cannot be rendered, a worker that dies on it) is
 * retried with backoff and given up after a few attempts, instead of being retried for ever and
 * holding back every later job of its event: `attempts` and `last_error` on the batch, status
 * 'failed', and the job's `unreached` count (the people of its failed batches, shown as failed).
 */
export class AddFanoutBatchAttempts1767000000100 implements MigrationInterface {
  name = 'AddFanoutBatchAttempts1767000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN attempts int NOT NULL DEFAULT 1,
                                              ADD COLUMN last_error text NULL`);
    await q.query(`ALTER TABLE fanout_batches DROP CONSTRAINT "CHK_fanout_batches_status"`);
    await q.query(
      `ALTER TABLE fanout_batches ADD CONSTRAINT "CHK_fanout_batches_status" CHECK (status IN ('claimed', 'done', 'failed'))`,
    );
    await q.query(`ALTER TABLE fanout_jobs ADD COLUMN unreached int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_jobs DROP COLUMN unreached`);
    await q.query(`DELETE FROM fanout_batches WHERE status = 'failed'`);
    await q.query(`ALTER TABLE fanout_batches DROP CONSTRAINT "CHK_fanout_batches_status"`);
    await q.query(
      `ALTER TABLE fanout_batches ADD CONSTRAINT "CHK_fanout_batches_status" CHECK (status IN ('claimed', 'done'))`,
    );
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN last_error, DROP COLUMN attempts`);
  }
}
