import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An RSVP decided on what was read, recorded in one statement (issue #14).
 *
 * 1. `rsvp_answer_state(e, g, m, invited, r, waiting)`: a digest of what `rsvp_lock_event` returns
 *    that an answer's decision rests on — the event, its group, the caller's membership, whether they
 *    are invited, their RSVP and whether anybody waits — except the seats taken, which move with every
 *    other answer and are checked against a range instead.
 * 2. `rsvp_answer_guard(event, user, state, taken key, min, max)`: takes the event row lock and the
 *    caller's RSVP row lock as `rsvp_lock_event` does, then checks — on a snapshot taken after the
 *    locks are granted — that the state is still the one the decision was made on and that the seats
 *    taken (all, or one mode's of a hybrid event) are still within the range where that decision
 *    holds. If not, it raises SQLSTATE HR001 and the statement it is part of writes nothing; the
 *    caller decides again under the lock. Reads only; writes nothing.
 * 3. `rsvp_lock_event(…, p_lock false)` — the read an answer is decided on before that statement —
 *    no longer locks the caller's RSVP either: a lone read that locked a row would take a
 *    transaction id and wait for its commit to reach the disk. (The negative-control test, the only
 *    other caller with false, switches every lock off anyway.)
 */
export class AddRsvpAnswerGuard1767510000000 implements MigrationInterface {
  name = 'AddRsvpAnswerGuard1767510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      lockEventFunction(`
        IF p_lock THEN
          SELECT row_to_json(x) INTO r FROM rsvps x WHERE x.event_id = p_event AND x.user_id = p_user FOR UPDATE;
        ELSE
          SELECT row_to_json(x) INTO r FROM rsvps x WHERE x.event_id = p_event AND x.user_id = p_user;
        END IF;`),
    );
    await q.query(`
      CREATE FUNCTION rsvp_answer_state(e json, g json, m json, invited boolean, r json, waiting boolean)
      RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
        SELECT md5(concat_ws(E'\\n', e::text, g::text, coalesce(m::text, '-'), invited::text,
                             coalesce(r::text, '-'), waiting::text))
      $fn$`);
    await q.query(`
      CREATE FUNCTION rsvp_answer_guard(p_event uuid, p_user uuid, p_state text, p_taken_key text,
                                        p_taken_min int, p_taken_max int)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        l record;
        v_taken int;
      BEGIN
        SELECT * INTO l FROM rsvp_lock_event(p_event, p_user, true);
        IF NOT FOUND OR rsvp_answer_state(l.e, l.g, l.m, l.invited, l.r, l.waiting) <> p_state THEN
          RAISE EXCEPTION 'the RSVP was decided on a state that has changed' USING ERRCODE = 'HR001';
        END IF;
        IF p_taken_key IS NOT NULL THEN
          v_taken := CASE p_taken_key WHEN 'in_person' THEN l.taken_in_person
                                      WHEN 'online' THEN l.taken_online
                                      ELSE l.taken_all END;
          IF v_taken IS NULL OR v_taken < coalesce(p_taken_min, v_taken)
             OR v_taken > coalesce(p_taken_max, v_taken) THEN
            RAISE EXCEPTION 'the seats taken moved past what the RSVP was decided on' USING ERRCODE = 'HR001';
          END IF;
        END IF;
        RETURN true;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rsvp_answer_guard(uuid, uuid, text, text, int, int)`);
    await q.query(`DROP FUNCTION rsvp_answer_state(json, json, json, boolean, json, boolean)`);
    await q.query(
      lockEventFunction(`
        SELECT row_to_json(x) INTO r FROM rsvps x WHERE x.event_id = p_event AND x.user_id = p_user FOR UPDATE;`),
    );
  }
}

/** rsvp_lock_event as migration AddDeferredRsvpNotices made it, with `readRsvp` reading the caller's RSVP into r. */
function lockEventFunction(readRsvp: string): string {
  return `
      CREATE OR REPLACE FUNCTION rsvp_lock_event(p_event uuid, p_user uuid, p_lock boolean)
      RETURNS TABLE (e json, g json, m json, invited boolean, r json,
                     taken_all int, taken_in_person int, taken_online int, waiting boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_capacity int;
        v_online int;
      BEGIN
        IF p_lock THEN
          SELECT row_to_json(ev), row_to_json(gr), row_to_json(me),
                 EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = ev.id AND i.user_id = p_user
                            AND i.revoked_at IS NULL),
                 ev.capacity, ev.online_capacity
            INTO e, g, m, invited, v_capacity, v_online
            FROM events ev JOIN groups gr ON gr.id = ev.group_id
            LEFT JOIN memberships me ON me.group_id = ev.group_id AND me.user_id = p_user
           WHERE ev.id = p_event
             FOR NO KEY UPDATE OF ev;
        ELSE
          SELECT row_to_json(ev), row_to_json(gr), row_to_json(me),
                 EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = ev.id AND i.user_id = p_user
                            AND i.revoked_at IS NULL),
                 ev.capacity, ev.online_capacity
            INTO e, g, m, invited, v_capacity, v_online
            FROM events ev JOIN groups gr ON gr.id = ev.group_id
            LEFT JOIN memberships me ON me.group_id = ev.group_id AND me.user_id = p_user
           WHERE ev.id = p_event;
        END IF;
        IF NOT FOUND THEN
          RETURN;
        END IF;${readRsvp}
        IF v_capacity IS NOT NULL OR v_online IS NOT NULL THEN
          SELECT coalesce(sum(1 + x.guests), 0)::int,
                 coalesce(sum(1 + x.guests) FILTER (WHERE x.mode = 'in_person'), 0)::int,
                 coalesce(sum(1 + x.guests) FILTER (WHERE x.mode = 'online'), 0)::int
            INTO taken_all, taken_in_person, taken_online
            FROM rsvps x WHERE x.event_id = p_event AND x.status = 'going';
        END IF;
        waiting := (r->>'status') = 'going'
                   AND EXISTS (SELECT 1 FROM rsvps x WHERE x.event_id = p_event AND x.status = 'waitlisted');
        RETURN NEXT;
      END
      $fn$`;
}
