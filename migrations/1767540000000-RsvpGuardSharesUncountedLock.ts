import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rsvp_answer_guard` with the event lock it needs, not more (issue #14).
 *
 * It locked the event row FOR NO KEY UPDATE for every answer, so answers to one event were recorded
 * one at a time, each holding the lock through its commit's WAL flush (about 2 ms here): one busy
 * event could not pass about 500 answers a second however many cores there were. An answer whose
 * decision did not rest on the seats taken (no `p_taken_key`: the event, or this mode, has no
 * capacity, or the answer takes no seat) now takes the row FOR SHARE. Such answers run side by side
 * and commit together; every change of the event (an organizer's UPDATE) and every answer that does
 * count seats (FOR NO KEY UPDATE) still waits for them, and they for it, so what the guard checked
 * holds until the answer commits. An answer that frees a seat someone waits for never gets here
 * (it is decided under the lock by the caller, which promotes), and joining the waitlist counts seats.
 * The exclusive lock also kept one person's answers to the event in line (a double click, a calendar
 * reply arriving with a web answer): under the shared one a transaction-level advisory lock on the
 * (event, person) pair does that, so the later answer still reads the RSVP the earlier one wrote.
 */
const guard = (lock: (clause: string) => string): string => `
  CREATE OR REPLACE FUNCTION rsvp_answer_guard(p_event uuid, p_user uuid, p_state text, p_taken_key text,
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
    ${lock('FOR NO KEY UPDATE')}
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
  $fn$`;

const lockEvent = (clause: string): string =>
  `SELECT ev.xmin, ev.group_id INTO v_event, v_group_id FROM events ev WHERE ev.id = p_event ${clause};`;

export class RsvpGuardSharesUncountedLock1767540000000 implements MigrationInterface {
  name = 'RsvpGuardSharesUncountedLock1767540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      guard(
        (exclusive) => `IF p_taken_key IS NULL THEN
      -- First: PERFORM sets FOUND, which the caller of this block reads about the event.
      PERFORM pg_advisory_xact_lock(hashtextextended('rsvp:' || p_event || ':' || p_user, 0));
      ${lockEvent('FOR SHARE')}
    ELSE
      ${lockEvent(exclusive)}
    END IF;`,
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(guard(lockEvent));
  }
}
