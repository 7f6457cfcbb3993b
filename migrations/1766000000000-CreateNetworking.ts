import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Networking rounds for virtual networking and hybrid events (issue 15), owned by libs/networking.
 * Every row about a person cascades with their user row (account deletion), and everything about an
 * event with the event. Blocks belong to the group: private to the person who made them, permanent.
 * A stay-in-touch intent is private to its author until both sides said yes (mutual_at).
 */
export class CreateNetworking1766000000000 implements MigrationInterface {
  name = 'CreateNetworking1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE networking_settings (
        event_id uuid NOT NULL,
        rounds int NOT NULL,
        round_minutes int NOT NULL,
        break_minutes int NOT NULL,
        group_size int NOT NULL,
        use_interests boolean NOT NULL,
        interest_tags text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'idle',
        current_round int NOT NULL DEFAULT 0,
        round_started_at timestamptz NULL,
        paused_elapsed_ms int NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_settings" PRIMARY KEY (event_id),
        CONSTRAINT "FK_networking_settings_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "CHK_networking_settings_rounds" CHECK (rounds BETWEEN 1 AND 20),
        CONSTRAINT "CHK_networking_settings_round_minutes" CHECK (round_minutes BETWEEN 1 AND 120),
        CONSTRAINT "CHK_networking_settings_break_minutes" CHECK (break_minutes BETWEEN 0 AND 60),
        CONSTRAINT "CHK_networking_settings_group_size" CHECK (group_size BETWEEN 2 AND 4),
        CONSTRAINT "CHK_networking_settings_status" CHECK (status IN ('idle', 'running', 'paused', 'ended')),
        CONSTRAINT "CHK_networking_settings_current_round" CHECK (current_round BETWEEN 0 AND rounds)
      )`);
    await q.query(`
      CREATE TABLE networking_participants (
        event_id uuid NOT NULL,
        user_id uuid NOT NULL,
        shown_name text NOT NULL,
        uses_pseudonym boolean NOT NULL,
        intro text NULL,
        interests text[] NOT NULL DEFAULT '{}',
        present_since timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_participants" PRIMARY KEY (event_id, user_id),
        CONSTRAINT "FK_networking_participants_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_participants_user_id" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE networking_blocks (
        group_id uuid NOT NULL,
        blocker_id uuid NOT NULL,
        blocked_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_blocks" PRIMARY KEY (group_id, blocker_id, blocked_id),
        CONSTRAINT "FK_networking_blocks_group_id" FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_blocks_blocker_id" FOREIGN KEY (blocker_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_blocks_blocked_id" FOREIGN KEY (blocked_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "CHK_networking_blocks_blocker_id_blocked_id" CHECK (blocker_id <> blocked_id)
      )`);
    await q.query(`CREATE INDEX "IDX_networking_blocks_blocked_id" ON networking_blocks (blocked_id)`);
    await q.query(`
      CREATE TABLE networking_rooms (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        round int NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_rooms" PRIMARY KEY (id),
        CONSTRAINT "UQ_networking_rooms_name" UNIQUE (name),
        CONSTRAINT "FK_networking_rooms_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_networking_rooms_event_id_round" ON networking_rooms (event_id, round)`);
    await q.query(`
      CREATE TABLE networking_assignments (
        event_id uuid NOT NULL,
        round int NOT NULL,
        user_id uuid NOT NULL,
        room_id uuid NOT NULL,
        left_at timestamptz NULL,
        CONSTRAINT "PK_networking_assignments" PRIMARY KEY (event_id, round, user_id),
        CONSTRAINT "FK_networking_assignments_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_assignments_user_id" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_assignments_room_id" FOREIGN KEY (room_id) REFERENCES networking_rooms(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_networking_assignments_room_id" ON networking_assignments (room_id)`);
    await q.query(`CREATE INDEX "IDX_networking_assignments_user_id" ON networking_assignments (user_id)`);
    await q.query(`
      CREATE TABLE networking_intents (
        event_id uuid NOT NULL,
        from_user_id uuid NOT NULL,
        to_user_id uuid NOT NULL,
        contact text NOT NULL,
        message text NULL,
        mutual_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_intents" PRIMARY KEY (event_id, from_user_id, to_user_id),
        CONSTRAINT "FK_networking_intents_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_intents_from_user_id" FOREIGN KEY (from_user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_intents_to_user_id" FOREIGN KEY (to_user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_networking_intents_to_user_id" ON networking_intents (to_user_id)`);
    await q.query(`
      CREATE TABLE networking_reports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        reporter_id uuid NOT NULL,
        reported_id uuid NOT NULL,
        round int NOT NULL,
        room_id uuid NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_networking_reports" PRIMARY KEY (id),
        CONSTRAINT "FK_networking_reports_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_reports_reporter_id" FOREIGN KEY (reporter_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_reports_reported_id" FOREIGN KEY (reported_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT "FK_networking_reports_room_id" FOREIGN KEY (room_id) REFERENCES networking_rooms(id) ON DELETE SET NULL,
        CONSTRAINT "CHK_networking_reports_status" CHECK (status IN ('open', 'resolved'))
      )`);
    await q.query(`CREATE INDEX "IDX_networking_reports_event_id" ON networking_reports (event_id)`);
    await q.query(`CREATE INDEX "IDX_networking_reports_reporter_id" ON networking_reports (reporter_id)`);
    await q.query(`CREATE INDEX "IDX_networking_reports_reported_id" ON networking_reports (reported_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'networking_reports',
      'networking_intents',
      'networking_assignments',
      'networking_rooms',
      'networking_blocks',
      'networking_participants',
      'networking_settings',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
