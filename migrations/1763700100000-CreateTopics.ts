import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTopics1763700100000 implements MigrationInterface {
  name = 'CreateTopics1763700100000';

  async up(q: QueryRunner): Promise<void> {
    // author_id survives the author's account deletion as NULL: other people's replies hang off the topic.
    await q.query(`
      CREATE TABLE topics (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        author_id uuid,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_topics" PRIMARY KEY (id),
        CONSTRAINT "CHK_topics_status" CHECK (status IN ('open', 'locked', 'hidden')),
        CONSTRAINT "CHK_topics_title" CHECK (length(title) BETWEEN 1 AND 200),
        CONSTRAINT "CHK_topics_body" CHECK (length(body) <= 20000),
        CONSTRAINT "FK_topics_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_topics_author_id" FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    // The group's topic list is keyset-paginated by (last_activity_at, id) descending.
    await q.query(
      `CREATE INDEX "IDX_topics_group_id_last_activity_at_id" ON topics (group_id, last_activity_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX "IDX_topics_author_id" ON topics (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE topics`);
  }
}
