import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroups1763700000500 implements MigrationInterface {
  name = 'CreateGroups1763700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE groups (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        timezone text NOT NULL,
        city text,
        visibility text NOT NULL DEFAULT 'public',
        code_of_conduct text NOT NULL DEFAULT '',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_groups" PRIMARY KEY (id),
        CONSTRAINT "CHK_groups_visibility" CHECK (visibility IN ('public', 'unlisted', 'private')),
        CONSTRAINT "CHK_groups_slug" CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
        CONSTRAINT "FK_groups_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_groups_slug" ON groups (slug)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE groups`);
  }
}
