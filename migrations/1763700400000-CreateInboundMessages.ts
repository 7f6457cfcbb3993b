import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbound mail log: every message that reached a channel (SMTP, webhook, IMAP), once per
 * Message-ID, with what became of it. The unique Message-ID is what makes a redelivery a no-op, even
 * when two copies arrive at the same moment. Reasons are enumerated in code (@app/inbound); here only
 * their shape is checked, so a new parser reason needs no migration.
 */
export class CreateInboundMessages1763700400000 implements MigrationInterface {
  name = 'CreateInboundMessages1763700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbound_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        message_id text NOT NULL,
        channel text NOT NULL,
        envelope_from text,
        envelope_to text[] NOT NULL DEFAULT '{}',
        from_address text,
        received_at timestamptz NOT NULL DEFAULT now(),
        raw bytea,
        size integer NOT NULL,
        outcome text NOT NULL,
        reason text,
        event_id uuid,
        invitation_id uuid,
        user_id uuid,
        partstat text,
        comment text,
        details jsonb NOT NULL DEFAULT '{}',
        resolved_at timestamptz,
        resolved_by uuid,
        resolution text,
        CONSTRAINT "PK_inbound_messages" PRIMARY KEY (id),
        CONSTRAINT "UQ_inbound_messages_message_id" UNIQUE (message_id),
        CONSTRAINT "CHK_inbound_messages_message_id" CHECK (length(message_id) BETWEEN 1 AND 1000),
        CONSTRAINT "CHK_inbound_messages_channel" CHECK (channel IN ('smtp', 'webhook', 'imap')),
        CONSTRAINT "CHK_inbound_messages_outcome" CHECK (outcome IN ('applied', 'ignored', 'dropped', 'rejected', 'quarantined', 'proposal')),
        CONSTRAINT "CHK_inbound_messages_reason" CHECK (reason IS NULL OR reason ~ '^[a-z][a-z_]{0,39}$'),
        CONSTRAINT "CHK_inbound_messages_applied_reason" CHECK (outcome NOT IN ('dropped', 'rejected', 'quarantined', 'ignored') OR reason IS NOT NULL),
        CONSTRAINT "CHK_inbound_messages_partstat" CHECK (partstat IS NULL OR partstat IN ('ACCEPTED', 'TENTATIVE', 'DECLINED', 'DELEGATED')),
        CONSTRAINT "CHK_inbound_messages_size" CHECK (size >= 0),
        CONSTRAINT "CHK_inbound_messages_raw" CHECK (raw IS NULL OR octet_length(raw) <= 52428800),
        CONSTRAINT "CHK_inbound_messages_comment" CHECK (comment IS NULL OR length(comment) <= 2000),
        CONSTRAINT "CHK_inbound_messages_resolution" CHECK (
          (resolution IS NULL AND resolved_at IS NULL)
          OR (resolution IN ('applied', 'dismissed') AND resolved_at IS NOT NULL AND outcome = 'quarantined')),
        CONSTRAINT "FK_inbound_messages_event_id" FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE SET NULL,
        CONSTRAINT "FK_inbound_messages_invitation_id" FOREIGN KEY (invitation_id) REFERENCES invitations (id) ON DELETE SET NULL,
        CONSTRAINT "FK_inbound_messages_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_inbound_messages_resolved_by" FOREIGN KEY (resolved_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_inbound_messages_received_at" ON inbound_messages (received_at, id)`);
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_event_id" ON inbound_messages (event_id, received_at) WHERE event_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_user_id" ON inbound_messages (user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_quarantine" ON inbound_messages (received_at) WHERE outcome = 'quarantined' AND resolved_at IS NULL`,
    );
    // Raw retention clears old bodies; this keeps that sweep off the whole table.
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_raw_kept" ON inbound_messages (received_at) WHERE raw IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbound_messages`);
  }
}
