import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePosts1763700100100 implements MigrationInterface {
  name = 'CreatePosts1763700100100';

  async up(q: QueryRunner): Promise<void> {
    // A post is its author's words: deleting the account deletes them. A moderator's deletion only
    // forgets who hid the post, never un-hides it (hidden_at stays).
    await q.query(`
      CREATE TABLE posts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        topic_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        hidden_at timestamptz,
        hidden_by uuid,
        CONSTRAINT "PK_posts" PRIMARY KEY (id),
        CONSTRAINT "CHK_posts_body" CHECK (length(body) BETWEEN 1 AND 20000),
        CONSTRAINT "CHK_posts_hidden_by" CHECK (hidden_by IS NULL OR hidden_at IS NOT NULL),
        CONSTRAINT "FK_posts_topic_id" FOREIGN KEY (topic_id) REFERENCES topics (id) ON DELETE CASCADE,
        CONSTRAINT "FK_posts_author_id" FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_posts_hidden_by" FOREIGN KEY (hidden_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    // A topic's posts are keyset-paginated by (created_at, id), oldest first.
    await q.query(`CREATE INDEX "IDX_posts_topic_id_created_at_id" ON posts (topic_id, created_at, id)`);
    await q.query(`CREATE INDEX "IDX_posts_author_id" ON posts (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE posts`);
  }
}
