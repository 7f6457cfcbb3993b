import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvitations1763700200300 implements MigrationInterface {
  name = 'CreateInvitations1763700200300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        user_id uuid NOT NULL,
        last_sequence_sent integer,
        last_sent_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invitations" PRIMARY KEY (id),
        CONSTRAINT "UQ_invitations_event_id_user_id" UNIQUE (event_id, user_id),
        CONSTRAINT "FK_invitations_event_id" FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT "FK_invitations_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_invitations_user_id" ON invitations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations`);
  }
}
