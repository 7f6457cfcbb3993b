import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each member hears of new topics and events in a group: 'immediate', 'digest' (the default, for
 * existing members too: at most one mail a day, only when there is something new, with one-click
 * unsubscribe; whoever opted out of 'announcements' stays out) or 'none'. `announced_through` is the
 * last announcement (seq) handled for the membership, `last_digest_on` the recipient's local date of
 * their last digest. Existing members start at the current high water: no backlog is mailed.
 */
export class AddMembershipAnnouncements1767300000100 implements MigrationInterface {
  name = 'AddMembershipAnnouncements1767300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE memberships
        ADD COLUMN announcements text NOT NULL DEFAULT 'digest',
        ADD COLUMN announced_through bigint NOT NULL DEFAULT announcements_high_water(),
        ADD COLUMN last_digest_on date,
        ADD CONSTRAINT "CHK_memberships_announcements" CHECK (announcements IN ('immediate', 'digest', 'none'))`);
    await q.query(
      `CREATE INDEX "IDX_memberships_group_id_announced_through" ON memberships (group_id, announced_through)
        WHERE status = 'active' AND announcements <> 'none'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_memberships_group_id_announced_through"`);
    await q.query(`
      ALTER TABLE memberships
        DROP CONSTRAINT "CHK_memberships_announcements",
        DROP COLUMN last_digest_on,
        DROP COLUMN announced_through,
        DROP COLUMN announcements`);
  }
}
