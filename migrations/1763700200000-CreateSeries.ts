import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSeries1763700200000 implements MigrationInterface {
  name = 'CreateSeries1763700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE series (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        topic_id uuid,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        recurrence_rule text,
        recurrence_timezone text,
        horizon_until timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_series" PRIMARY KEY (id),
        CONSTRAINT "FK_series_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_series_topic_id" FOREIGN KEY (topic_id) REFERENCES topics (id) ON DELETE SET NULL,
        CONSTRAINT "FK_series_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_series_group_id" ON series (group_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE series`);
  }
}
