import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRsvps1763700200200 implements MigrationInterface {
  name = 'CreateRsvps1763700200200';

  async up(q: QueryRunner): Promise<void> {
    // One global sequence orders every waitlist: taken under the event row lock, so FIFO by arrival.
    await q.query(`CREATE SEQUENCE rsvp_waitlist_seq`);
    await q.query(`
      CREATE TABLE rsvps (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL,
        mode text,
        guests integer NOT NULL DEFAULT 0,
        answers jsonb NOT NULL DEFAULT '{}',
        coc_acknowledged_at timestamptz,
        source text NOT NULL,
        waitlist_seq bigint,
        checked_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_rsvps" PRIMARY KEY (id),
        CONSTRAINT "UQ_rsvps_event_id_user_id" UNIQUE (event_id, user_id),
        CONSTRAINT "CHK_rsvps_status" CHECK (status IN ('going', 'maybe', 'declined', 'waitlisted', 'pending_approval')),
        CONSTRAINT "CHK_rsvps_mode" CHECK (mode IS NULL OR mode IN ('in_person', 'online')),
        CONSTRAINT "CHK_rsvps_source" CHECK (source IN ('web', 'link', 'calendar', 'organizer')),
        CONSTRAINT "CHK_rsvps_guests" CHECK (guests BETWEEN 0 AND 20),
        CONSTRAINT "CHK_rsvps_waitlist_seq" CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL)),
        CONSTRAINT "FK_rsvps_event_id" FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT "FK_rsvps_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_rsvps_event_id_status" ON rsvps (event_id, status)`);
    await q.query(`CREATE INDEX "IDX_rsvps_user_id" ON rsvps (user_id)`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_rsvps_event_id_waitlist_seq" ON rsvps (event_id, waitlist_seq) WHERE waitlist_seq IS NOT NULL`,
    );
    // Backstop for the capacity invariant, beside the event row lock the RSVP service takes: a write
    // that would seat more people than the event holds fails. (The e2e negative control turns off
    // the lock and this guard together, through hearth.capacity_guard, to show the test sees overselling.)
    await q.query(`
      CREATE FUNCTION rsvps_capacity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ev record;
        taken integer;
        cap integer;
      BEGIN
        IF NEW.status <> 'going' OR coalesce(current_setting('hearth.capacity_guard', true), 'on') = 'off' THEN
          RETURN NEW;
        END IF;
        SELECT kind, capacity, online_capacity INTO ev FROM events WHERE id = NEW.event_id;
        cap := CASE WHEN ev.kind = 'hybrid' AND NEW.mode = 'online' THEN ev.online_capacity ELSE ev.capacity END;
        IF cap IS NULL THEN
          RETURN NEW;
        END IF;
        SELECT coalesce(sum(1 + guests), 0) INTO taken FROM rsvps
         WHERE event_id = NEW.event_id AND status = 'going' AND id <> NEW.id
           AND (ev.kind <> 'hybrid' OR mode IS NOT DISTINCT FROM NEW.mode);
        IF taken + 1 + NEW.guests > cap THEN
          RAISE EXCEPTION 'event capacity exceeded' USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_rsvps_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_rsvps_capacity" BEFORE INSERT OR UPDATE OF status, guests, mode ON rsvps
      FOR EACH ROW EXECUTE FUNCTION rsvps_capacity_guard()`);
    await q.query(`
      CREATE TABLE rsvp_history (
        id bigserial NOT NULL,
        rsvp_id uuid NOT NULL,
        event_id uuid NOT NULL,
        user_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        guests integer NOT NULL DEFAULT 0,
        source text NOT NULL,
        actor_id uuid,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_rsvp_history" PRIMARY KEY (id),
        CONSTRAINT "FK_rsvp_history_rsvp_id" FOREIGN KEY (rsvp_id) REFERENCES rsvps (id) ON DELETE CASCADE,
        CONSTRAINT "FK_rsvp_history_actor_id" FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_rsvp_history_event_id" ON rsvp_history (event_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rsvp_history`);
    await q.query(`DROP TABLE rsvps`);
    await q.query(`DROP FUNCTION rsvps_capacity_guard()`);
    await q.query(`DROP SEQUENCE rsvp_waitlist_seq`);
  }
}
