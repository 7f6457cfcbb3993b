import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The RSVP write path in fewer round trips (issue #14).
 *
 * 1. `outbox_messages.compose`: a message queued as an intent — what to compose (kind, invitation,
 *    SEQUENCE, the answer) — instead of its rendered content. It commits with the RSVP that caused it;
 *    the worker renders it after commit and clears the column (DeferredNoticesService). While it is
 *    set the row is `queued` like any other, so it holds back the later messages of its ordering key,
 *    but the dispatcher does not claim it.
 * 2. `rsvp_lock_event(event, user, lock)`: what RsvpService needs before deciding an answer, in one
 *    round trip instead of three: the event row locked FOR NO KEY UPDATE (skipped only by the
 *    negative-control test) with its group, the caller's membership and whether they are invited;
 *    then, read after the lock is granted (each statement of a PL/pgSQL function takes a new
 *    snapshot), the caller's RSVP locked FOR UPDATE, the seats taken (only when the event has a
 *    capacity) and whether anybody waits (only when the caller holds a seat they may give back).
 *    Reads the event context read model's tables and rsvps; writes nothing.
 */
export class AddDeferredRsvpNotices1767460000000 implements MigrationInterface {
  name = 'AddDeferredRsvpNotices1767460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN compose jsonb`);
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_compose_queue_position" ON outbox_messages (queue_position)
        WHERE compose IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION rsvp_lock_event(p_event uuid, p_user uuid, p_lock boolean)
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
        END IF;
        SELECT row_to_json(x) INTO r FROM rsvps x WHERE x.event_id = p_event AND x.user_id = p_user FOR UPDATE;
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
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rsvp_lock_event(uuid, uuid, boolean)`);
    await q.query(`DROP INDEX "IDX_outbox_messages_compose_queue_position"`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN compose`);
  }
}
