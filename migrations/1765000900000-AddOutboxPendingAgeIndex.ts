import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metrics scrape reads the outbox's depth and the age of its oldest unsettled message in one
 * query; indexing only unsettled rows by created_at keeps min(created_at) one index probe however
 * many messages were sent before.
 */
export class AddOutboxPendingAgeIndex1765000900000 implements MigrationInterface {
  name = 'AddOutboxPendingAgeIndex1765000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_pending_created_at" ON outbox_messages (created_at)
        WHERE status IN ('queued', 'sending', 'retrying')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_pending_created_at"`);
  }
}
