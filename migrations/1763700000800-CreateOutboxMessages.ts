import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxMessages1763700000800 implements MigrationInterface {
  name = 'CreateOutboxMessages1763700000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        purpose text NOT NULL,
        user_id uuid,
        recipient text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        headers jsonb NOT NULL DEFAULT '{}',
        calendar jsonb,
        attachments jsonb NOT NULL DEFAULT '[]',
        message_id text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT "PK_outbox_messages" PRIMARY KEY (id),
        CONSTRAINT "UQ_outbox_messages_message_id" UNIQUE (message_id),
        CONSTRAINT "CHK_outbox_messages_status" CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
        CONSTRAINT "FK_outbox_messages_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    // The worker's claim query scans only what is due.
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_due" ON outbox_messages (next_attempt_at) WHERE status IN ('queued', 'retrying', 'sending')`,
    );
    await q.query(`CREATE INDEX "IDX_outbox_messages_created_at" ON outbox_messages (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_messages`);
  }
}
