import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMagicLinks1763700000200 implements MigrationInterface {
  name = 'CreateMagicLinks1763700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE magic_links (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        token_hash text NOT NULL,
        purpose text NOT NULL DEFAULT 'sign_in',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT "PK_magic_links" PRIMARY KEY (id),
        CONSTRAINT "UQ_magic_links_token_hash" UNIQUE (token_hash),
        CONSTRAINT "CHK_magic_links_purpose" CHECK (purpose IN ('sign_in', 'owner_bootstrap'))
      )`);
    await q.query(`CREATE INDEX "IDX_magic_links_email" ON magic_links (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE magic_links`);
  }
}
