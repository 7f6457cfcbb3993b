import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiTokens1763700000300 implements MigrationInterface {
  name = 'CreateApiTokens1763700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT "PK_api_tokens" PRIMARY KEY (id),
        CONSTRAINT "UQ_api_tokens_token_hash" UNIQUE (token_hash),
        CONSTRAINT "FK_api_tokens_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_api_tokens_user_id" ON api_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
  }
}
