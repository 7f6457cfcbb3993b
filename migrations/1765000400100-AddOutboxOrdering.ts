import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages that share an ordering key (one person and one event) leave in the order they were
 * queued: a row is claimed only when no earlier row with its key is still unsettled. queue_position
 * is taken at insert, inside the transaction that also numbered the message's SEQUENCE under the
 * event's row lock, so it follows SEQUENCE where created_at (transaction start) might not.
 */
export class AddOutboxOrdering1765000400100 implements MigrationInterface {
  name = 'AddOutboxOrdering1765000400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_messages ADD COLUMN ordering_key text,
                                   ADD COLUMN queue_position bigint GENERATED ALWAYS AS IDENTITY`,
    );
    // The claim's "is an earlier message of this key unsettled?" probe: only unsettled rows are indexed,
    // so it stays a short index lookup however many messages were sent before.
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_ordering_key_queue_position" ON outbox_messages (ordering_key, queue_position)
        WHERE ordering_key IS NOT NULL AND status IN ('queued', 'sending', 'retrying')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_ordering_key_queue_position"`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN queue_position, DROP COLUMN ordering_key`);
  }
}
