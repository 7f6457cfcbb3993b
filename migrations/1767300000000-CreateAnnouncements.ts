import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New topics and newly published events, one row each, in the order members hear of them. `seq` is
 * given by the announcements worker under one lock ("sealing"), so sealed numbers become visible in
 * commit order and a mark "everything up to seq N" never skips an item committed late.
 */
export class CreateAnnouncements1767300000000 implements MigrationInterface {
  name = 'CreateAnnouncements1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE announcements_seq`);
    await q.query(`
      CREATE TABLE announcements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        kind text NOT NULL,
        item_id uuid NOT NULL,
        author_id uuid,
        seq bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_announcements" PRIMARY KEY (id),
        CONSTRAINT "UQ_announcements_kind_item_id" UNIQUE (kind, item_id),
        CONSTRAINT "CHK_announcements_kind" CHECK (kind IN ('topic', 'event')),
        CONSTRAINT "FK_announcements_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_announcements_author_id" FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "IDX_announcements_unsealed" ON announcements (created_at) WHERE seq IS NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_announcements_group_id_seq" ON announcements (group_id, seq) WHERE seq IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "IDX_announcements_seq" ON announcements (seq)`);
    // The newest sealed number: where a new membership's mark starts (it hears of what comes after).
    await q.query(
      `CREATE FUNCTION announcements_high_water() RETURNS bigint LANGUAGE sql STABLE
         AS 'SELECT coalesce(max(seq), 0) FROM announcements'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION announcements_high_water()`);
    await q.query(`DROP TABLE announcements`);
    await q.query(`DROP SEQUENCE announcements_seq`);
  }
}
