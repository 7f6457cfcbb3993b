import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event an outgoing mail is about (invitation, update, cancellation, reminder, proposal notice…),
 * so integrators can tell in the dev mailbox which mail belongs to which event. NULL for mail about
 * no event (sign-in links, group invitations) and for mail queued before this column.
 */
export class AddOutboxEventId1765000500000 implements MigrationInterface {
  name = 'AddOutboxEventId1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_messages ADD COLUMN event_id uuid
         CONSTRAINT "FK_outbox_messages_event_id" REFERENCES events (id) ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN event_id`);
  }
}
