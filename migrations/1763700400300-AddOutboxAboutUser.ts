import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail to one person that is about another (an organizer told that a member proposed another time,
 * with the member's name and note) names that other person, so deleting them deletes it too (DESIGN
 * §5: deletion clears outbox records).
 */
export class AddOutboxAboutUser1763700400300 implements MigrationInterface {
  name = 'AddOutboxAboutUser1763700400300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_messages ADD COLUMN about_user_id uuid
         CONSTRAINT "FK_outbox_messages_about_user_id" REFERENCES users (id) ON DELETE CASCADE`,
    );
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_about_user_id" ON outbox_messages (about_user_id) WHERE about_user_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_about_user_id"`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN about_user_id`);
  }
}
