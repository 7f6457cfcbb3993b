import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSessions1763700000100 implements MigrationInterface {
  name = 'CreateSessions1763700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT "PK_sessions" PRIMARY KEY (id),
        CONSTRAINT "UQ_sessions_token_hash" UNIQUE (token_hash),
        CONSTRAINT "FK_sessions_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_sessions_user_id" ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
