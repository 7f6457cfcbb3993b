import { MigrationInterface, QueryRunner } from 'typeorm';

const guard = (own: string): string => `
  CREATE OR REPLACE FUNCTION rsvps_capacity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
     WHERE event_id = NEW.event_id AND status = 'going' AND ${own}
       AND (ev.kind <> 'hybrid' OR mode IS NOT DISTINCT FROM NEW.mode);
    IF taken + 1 + NEW.guests > cap THEN
      RAISE EXCEPTION 'event capacity exceeded' USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_rsvps_capacity';
    END IF;
    RETURN NEW;
  END $$`;

/**
 * The capacity backstop counted the person's own seats twice when their answer is an upsert
 * (INSERT … ON CONFLICT DO UPDATE): the BEFORE INSERT trigger runs first on the proposed row, whose
 * fresh id is not the stored row's, so `id <> NEW.id` kept their current seats in the count. Someone
 * going with a guest to a full event could not change their guests or answers (409 EVENT_FULL).
 * A person has one RSVP per event (UQ_rsvps_event_id_user_id): their own row is left out by user.
 */
export class CapacityGuardOwnRow1767530000000 implements MigrationInterface {
  name = 'CapacityGuardOwnRow1767530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(guard('user_id <> NEW.user_id'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(guard('id <> NEW.id'));
  }
}
