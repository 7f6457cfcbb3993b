import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMemberships1763700000600 implements MigrationInterface {
  name = 'CreateMemberships1763700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE memberships (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL DEFAULT 'member',
        status text NOT NULL DEFAULT 'active',
        coc_accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_memberships" PRIMARY KEY (id),
        CONSTRAINT "UQ_memberships_group_id_user_id" UNIQUE (group_id, user_id),
        CONSTRAINT "CHK_memberships_role" CHECK (role IN ('owner', 'organizer', 'moderator', 'member')),
        CONSTRAINT "CHK_memberships_status" CHECK (status IN ('active', 'pending', 'banned')),
        CONSTRAINT "FK_memberships_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_memberships_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_memberships_user_id" ON memberships (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
  }
}
