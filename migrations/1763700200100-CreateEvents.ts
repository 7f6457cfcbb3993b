import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvents1763700200100 implements MigrationInterface {
  name = 'CreateEvents1763700200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        series_id uuid,
        topic_id uuid,
        occurrence_index integer,
        kind text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        timezone text NOT NULL,
        venue_name text,
        venue_address text,
        accessibility jsonb NOT NULL DEFAULT '{}',
        join_url text,
        location_visibility text NOT NULL DEFAULT 'attendees',
        attendee_visibility text NOT NULL DEFAULT 'organizers',
        capacity integer,
        online_capacity integer,
        waitlist_enabled boolean NOT NULL DEFAULT true,
        guests_allowed integer NOT NULL DEFAULT 0,
        approval_required boolean NOT NULL DEFAULT false,
        rsvp_opens_at timestamptz,
        rsvp_closes_at timestamptz,
        questions jsonb NOT NULL DEFAULT '[]',
        coc_required boolean NOT NULL DEFAULT false,
        tags text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'scheduled',
        calendar_uid text NOT NULL,
        sequence integer NOT NULL DEFAULT 0,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        CONSTRAINT "PK_events" PRIMARY KEY (id),
        CONSTRAINT "UQ_events_calendar_uid" UNIQUE (calendar_uid),
        CONSTRAINT "CHK_events_kind" CHECK (kind IN ('online_discussion', 'in_person', 'virtual_networking', 'hybrid')),
        CONSTRAINT "CHK_events_status" CHECK (status IN ('draft', 'scheduled', 'cancelled')),
        CONSTRAINT "CHK_events_location_visibility" CHECK (location_visibility IN ('public', 'members', 'attendees')),
        CONSTRAINT "CHK_events_attendee_visibility" CHECK (attendee_visibility IN ('organizers', 'count', 'names')),
        CONSTRAINT "CHK_events_times" CHECK (ends_at > starts_at),
        CONSTRAINT "CHK_events_capacity" CHECK (capacity IS NULL OR capacity >= 0),
        CONSTRAINT "CHK_events_online_capacity" CHECK (online_capacity IS NULL OR online_capacity >= 0),
        CONSTRAINT "CHK_events_guests_allowed" CHECK (guests_allowed BETWEEN 0 AND 20),
        CONSTRAINT "CHK_events_sequence" CHECK (sequence >= 0),
        CONSTRAINT "CHK_events_rsvp_window" CHECK (rsvp_opens_at IS NULL OR rsvp_closes_at IS NULL OR rsvp_closes_at > rsvp_opens_at),
        CONSTRAINT "FK_events_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
        CONSTRAINT "FK_events_series_id" FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE SET NULL,
        CONSTRAINT "FK_events_topic_id" FOREIGN KEY (topic_id) REFERENCES topics (id) ON DELETE SET NULL,
        CONSTRAINT "FK_events_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_events_group_id_starts_at" ON events (group_id, starts_at)`);
    await q.query(`CREATE INDEX "IDX_events_series_id" ON events (series_id, starts_at)`);
    await q.query(
      `CREATE INDEX "IDX_events_public_listing" ON events (starts_at, id) WHERE status = 'scheduled'`,
    );
    // SEQUENCE only grows and the calendar UID never changes (RFC 5546 §2.1.4): enforced here too.
    await q.query(`
      CREATE FUNCTION events_calendar_identity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.calendar_uid <> OLD.calendar_uid THEN
          RAISE EXCEPTION 'calendar_uid is immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_events_calendar_uid_immutable';
        END IF;
        IF NEW.sequence < OLD.sequence THEN
          RAISE EXCEPTION 'sequence only grows' USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_events_sequence_grows';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_events_calendar_identity" BEFORE UPDATE OF calendar_uid, sequence ON events
      FOR EACH ROW EXECUTE FUNCTION events_calendar_identity_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION events_calendar_identity_guard()`);
  }
}
