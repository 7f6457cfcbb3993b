import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The content SEQUENCE for which the person was last told that a calendar answer of theirs came from
 * an outdated version of the event: one such mail per version, however many stale answers arrive.
 */
export class AddInvitationStaleNotice1765000600000 implements MigrationInterface {
  name = 'AddInvitationStaleNotice1765000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations ADD COLUMN stale_notice_sequence int`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations DROP COLUMN stale_notice_sequence`);
  }
}
