import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTopicFollowers1763700100200 implements MigrationInterface {
  name = 'CreateTopicFollowers1763700100200';

  async up(q: QueryRunner): Promise<void> {
    // The primary key is the "follow at most once" rule; inserts use ON CONFLICT DO NOTHING.
    await q.query(`
      CREATE TABLE topic_followers (
        topic_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_topic_followers_topic_id_user_id" PRIMARY KEY (topic_id, user_id),
        CONSTRAINT "FK_topic_followers_topic_id" FOREIGN KEY (topic_id) REFERENCES topics (id) ON DELETE CASCADE,
        CONSTRAINT "FK_topic_followers_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_topic_followers_user_id" ON topic_followers (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE topic_followers`);
  }
}
