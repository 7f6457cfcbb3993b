import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDevMailbox1763700000900 implements MigrationInterface {
  name = 'CreateDevMailbox1763700000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dev_mailbox_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        outbox_id uuid,
        message_id text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        raw text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dev_mailbox_messages" PRIMARY KEY (id),
        CONSTRAINT "FK_dev_mailbox_messages_outbox_id" FOREIGN KEY (outbox_id) REFERENCES outbox_messages (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_dev_mailbox_messages_created_at" ON dev_mailbox_messages (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dev_mailbox_messages`);
  }
}
