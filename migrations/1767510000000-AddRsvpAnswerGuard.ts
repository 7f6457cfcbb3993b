import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An RSVP decided on what was read, recorded in one statement (issue #14).
 *
 * 1. `rsvp_answer_state(…)`: what an answer's decision rests on, as row versions — the event's, its
 *    group's, the caller's membership's and RSVP's `xmin` (any committed change of a row gives it a
 *    new one), whether the caller is invited and whether anybody waits. The seats taken, which move
 *    with every other answer, are not in it: they are checked against a range instead.
 * 2. `rsvp_answer_read(event, user)`: what `rsvp_lock_event` returns (the event, group, membership,
 *    whether invited, the caller's RSVP, the seats taken when the event has a capacity, whether anybody
 *    waits when the caller holds a seat), without any lock, in one query and so one snapshot, with
 *    the state of the rows it read.
 * 3. `rsvp_answer_guard(event, user, state, taken key, min, max, deadline)`: locks the event row (FOR
 *    NO KEY UPDATE), checks the answer's deadline has not passed while it waited, and then — each statement reading after the lock is granted — the caller's RSVP (FOR
 *    UPDATE), and checks that the state is still the one the decision was made on and that the seats
 *    taken (all, or one mode's of a hybrid event) are still within the range where that decision
 *    holds. If not, it raises SQLSTATE HR001 and the statement it is part of writes nothing; the
 *    caller decides again under the lock. Reads only; writes nothing.
 */
export class AddRsvpAnswerGuard1767510000000 implements MigrationInterface {
  name = 'AddRsvpAnswerGuard1767510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rsvp_answer_state(p_event xid, p_group xid, p_membership xid, p_invited boolean,
                                        p_rsvp xid, p_waiting boolean)
      RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
        SELECT concat_ws(':', p_event::text, p_group::text, coalesce(p_membership::text, '-'),
                         p_invited::text, coalesce(p_rsvp::text, '-'), p_waiting::text)
      $fn$`);
    await q.query(`
      CREATE FUNCTION rsvp_answer_read(p_event uuid, p_user uuid)
      RETURNS TABLE (e json, g json, m json, invited boolean, r json, taken_all int, taken_in_person int,
                     taken_online int, waiting boolean, state text)
      LANGUAGE sql STABLE AS $fn$
        SELECT s.e, s.g, s.m, s.invited, s.r, s.taken_all, s.taken_in_person, s.taken_online, s.waiting,
               rsvp_answer_state(s.ev_xmin, s.gr_xmin, s.me_xmin, s.invited, s.r_xmin, s.waiting)
          FROM (SELECT row_to_json(ev) AS e, row_to_json(gr) AS g, row_to_json(me) AS m,
                       EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = ev.id AND i.user_id = p_user
                                  AND i.revoked_at IS NULL) AS invited,
                       row_to_json(rv) AS r,
                       CASE WHEN ev.capacity IS NOT NULL OR ev.online_capacity IS NOT NULL THEN t.taken_all END
                         AS taken_all,
                       CASE WHEN ev.capacity IS NOT NULL OR ev.online_capacity IS NOT NULL THEN t.taken_in_person END
                         AS taken_in_person,
                       CASE WHEN ev.capacity IS NOT NULL OR ev.online_capacity IS NOT NULL THEN t.taken_online END
                         AS taken_online,
                       CASE WHEN rv.status = 'going'
                            THEN EXISTS (SELECT 1 FROM rsvps x WHERE x.event_id = ev.id AND x.status = 'waitlisted')
                            ELSE false END AS waiting,
                       ev.xmin AS ev_xmin, gr.xmin AS gr_xmin, me.xmin AS me_xmin, rv.xmin AS r_xmin
                  FROM events ev JOIN groups gr ON gr.id = ev.group_id
                  LEFT JOIN memberships me ON me.group_id = ev.group_id AND me.user_id = p_user
                  LEFT JOIN rsvps rv ON rv.event_id = ev.id AND rv.user_id = p_user
                  LEFT JOIN LATERAL (
                    SELECT coalesce(sum(1 + x.guests), 0)::int AS taken_all,
                           coalesce(sum(1 + x.guests) FILTER (WHERE x.mode = 'in_person'), 0)::int AS taken_in_person,
                           coalesce(sum(1 + x.guests) FILTER (WHERE x.mode = 'online'), 0)::int AS taken_online
                      FROM rsvps x
                     WHERE x.event_id = ev.id AND x.status = 'going'
                       -- Asked only when the event has a capacity: a one-time filter, no scan otherwise.
                       AND (ev.capacity IS NOT NULL OR ev.online_capacity IS NOT NULL)) t ON true
                 WHERE ev.id = p_event) s
      $fn$`);
    await q.query(`
      CREATE FUNCTION rsvp_answer_guard(p_event uuid, p_user uuid, p_state text, p_taken_key text,
                                        p_taken_min int, p_taken_max int, p_deadline timestamptz)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_event xid;
        v_group_id uuid;
        v_group xid;
        v_membership xid;
        v_invited boolean;
        v_rsvp xid;
        v_status text;
        v_waiting boolean := false;
        v_taken int;
      BEGIN
        SELECT ev.xmin, ev.group_id INTO v_event, v_group_id FROM events ev WHERE ev.id = p_event
           FOR NO KEY UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'the event of the RSVP is gone' USING ERRCODE = 'HR001';
        END IF;
        -- The lock may have been waited for past the moment the answer closes (the event's end, the
        -- RSVP deadline): the clock is read again once it is held, as the locked path does.
        IF p_deadline IS NOT NULL AND clock_timestamp() >= p_deadline THEN
          RAISE EXCEPTION 'the answer closed while the RSVP waited for its event' USING ERRCODE = 'HR001';
        END IF;
        SELECT gr.xmin, me.xmin,
               EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = p_event AND i.user_id = p_user
                          AND i.revoked_at IS NULL)
          INTO v_group, v_membership, v_invited
          FROM groups gr LEFT JOIN memberships me ON me.group_id = gr.id AND me.user_id = p_user
         WHERE gr.id = v_group_id;
        SELECT x.xmin, x.status INTO v_rsvp, v_status FROM rsvps x
         WHERE x.event_id = p_event AND x.user_id = p_user FOR UPDATE;
        IF v_status = 'going' THEN
          v_waiting := EXISTS (SELECT 1 FROM rsvps x WHERE x.event_id = p_event AND x.status = 'waitlisted');
        END IF;
        IF rsvp_answer_state(v_event, v_group, v_membership, v_invited, v_rsvp, v_waiting) <> p_state THEN
          RAISE EXCEPTION 'the RSVP was decided on a state that has changed' USING ERRCODE = 'HR001';
        END IF;
        IF p_taken_key IS NOT NULL THEN
          SELECT coalesce(sum(1 + x.guests), 0)::int INTO v_taken FROM rsvps x
           WHERE x.event_id = p_event AND x.status = 'going' AND (p_taken_key = 'all' OR x.mode = p_taken_key);
          IF v_taken < coalesce(p_taken_min, v_taken) OR v_taken > coalesce(p_taken_max, v_taken) THEN
            RAISE EXCEPTION 'the seats taken moved past what the RSVP was decided on' USING ERRCODE = 'HR001';
          END IF;
        END IF;
        RETURN true;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rsvp_answer_guard(uuid, uuid, text, text, int, int, timestamptz)`);
    await q.query(`DROP FUNCTION rsvp_answer_read(uuid, uuid)`);
    await q.query(`DROP FUNCTION rsvp_answer_state(xid, xid, xid, boolean, xid, boolean)`);
  }
}
