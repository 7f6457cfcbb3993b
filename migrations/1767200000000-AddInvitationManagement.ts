import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitation management (issue 12.3). invitations.invited_by: who invited the person (NULL when
 * the invitation predates this column or came from an RSVP without one; SET NULL when that account
 * goes). group_invites.revoked_at: an organizer withdrew the invitation, its link is dead. The two
 * indexes serve the organizer's invitation list: keyset pages of one event's invitations, and each
 * person's last outbox message for the event (a "bounced" invitation is one whose last message
 * failed for good).
 */
export class AddInvitationManagement1767200000000 implements MigrationInterface {
  name = 'AddInvitationManagement1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE invitations ADD COLUMN invited_by uuid
         CONSTRAINT "FK_invitations_invited_by" REFERENCES users (id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_invitations_event_id_created_at_id" ON invitations (event_id, created_at, id)`,
    );
    await q.query(`ALTER TABLE group_invites ADD COLUMN revoked_at timestamptz`);
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_event_id_user_id_queue_position"
         ON outbox_messages (event_id, user_id, queue_position) WHERE event_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_event_id_user_id_queue_position"`);
    await q.query(`ALTER TABLE group_invites DROP COLUMN revoked_at`);
    await q.query(`DROP INDEX "IDX_invitations_event_id_created_at_id"`);
    await q.query(`ALTER TABLE invitations DROP COLUMN invited_by`);
  }
}
