import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePostReports1763700100300 implements MigrationInterface {
  name = 'CreatePostReports1763700100300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_reports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        reporter_id uuid NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_by uuid,
        resolved_at timestamptz,
        CONSTRAINT "PK_post_reports" PRIMARY KEY (id),
        CONSTRAINT "CHK_post_reports_status" CHECK (status IN ('open', 'resolved', 'dismissed')),
        CONSTRAINT "CHK_post_reports_reason" CHECK (length(reason) BETWEEN 1 AND 1000),
        CONSTRAINT "CHK_post_reports_status_resolved_at" CHECK ((status = 'open') = (resolved_at IS NULL)),
        CONSTRAINT "FK_post_reports_post_id" FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
        CONSTRAINT "FK_post_reports_reporter_id" FOREIGN KEY (reporter_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_post_reports_resolved_by" FOREIGN KEY (resolved_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    // One open report per reporter per post; once closed, the same person may report the post again.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_post_reports_post_id_reporter_id" ON post_reports (post_id, reporter_id) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX "IDX_post_reports_post_id" ON post_reports (post_id)`);
    await q.query(`CREATE INDEX "IDX_post_reports_reporter_id" ON post_reports (reporter_id)`);
    // The moderators' queue: a status, oldest first.
    await q.query(
      `CREATE INDEX "IDX_post_reports_status_created_at_id" ON post_reports (status, created_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE post_reports`);
  }
}
