import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroupInvites1763700000700 implements MigrationInterface {
  name = 'CreateGroupInvites1763700000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_invites (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        email text NOT NULL,
        role text NOT NULL DEFAULT 'member',
        token_hash text NOT NULL,
        invited_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid,
        CONSTRAINT "PK_group_invites" PRIMARY KEY (id),
        CONSTRAINT "UQ_group_invites_token_hash" UNIQUE (token_hash),
        CONSTRAINT "CHK_group_invites_role" CHECK (role IN ('organizer', 'moderator', 'member')),
        CONSTRAINT "FK_group_invites_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_group_invites_invited_by" FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "FK_group_invites_accepted_by" FOREIGN KEY (accepted_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_group_invites_group_id" ON group_invites (group_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE group_invites`);
  }
}
