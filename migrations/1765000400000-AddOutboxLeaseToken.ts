import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each claim of outbox rows carries a token of its own. Leases are short and renewed by the
 * claiming worker's heartbeat, so a dead worker's rows are claimed again within a lease; the token
 * keeps a worker that lost its lease from marking (or renewing) a row another worker now holds.
 */
export class AddOutboxLeaseToken1765000400000 implements MigrationInterface {
  name = 'AddOutboxLeaseToken1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN lease_token uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN lease_token`);
  }
}
