import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1763700000000 implements MigrationInterface {
  name = 'CreateUsers1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        pronouns text,
        locale text NOT NULL DEFAULT 'en',
        timezone text NOT NULL DEFAULT 'UTC',
        password_hash text,
        instance_role text NOT NULL DEFAULT 'member',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY (id),
        CONSTRAINT "CHK_users_instance_role" CHECK (instance_role IN ('owner', 'member')),
        CONSTRAINT "CHK_users_email" CHECK (position('@' in email) > 1 AND length(email) <= 320),
        CONSTRAINT "CHK_users_display_name" CHECK (length(display_name) BETWEEN 1 AND 100)
      )`);
    // Case-insensitive uniqueness: Alex@x and alex@x are one person.
    await q.query(`CREATE UNIQUE INDEX "UQ_users_email" ON users (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
