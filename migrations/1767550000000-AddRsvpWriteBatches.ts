import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers to one event written together (issue #14): `rsvp_write_answers(answers jsonb)` runs, for
 * each answer of the array in order, the guarded write of one answer (GUARDED_WRITE_RSVP, or
 * GUARDED_WRITE_RSVP_AND_NOTIFY when it carries a notice) in a subtransaction of its own, and returns a
 * row per answer: the RSVP written (row_to_json) and the notices queued, or the SQLSTATE, constraint and
 * message of what stopped it (nothing of that answer written; the others are). One statement, one
 * commit and one round trip for the answers that would have waited for each other's event lock.
 *
 * The body is the text `writeAnswersFunctionBody()` (libs/rsvp/src/rsvp.statements.ts) generated when
 * this was written, kept here as it was; test/rsvp-write-batches.e2e-spec checks that the database's
 * function is still what that code generates, so a change of the statements needs a migration.
 */
export class AddRsvpWriteBatches1767550000000 implements MigrationInterface {
  name = 'AddRsvpWriteBatches1767550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rsvp_write_answers(p_answers jsonb)
      RETURNS TABLE (out_rsvp json, out_notices int, out_code text, out_constraint text, out_message text)
      LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
DECLARE
  a jsonb;
  v1 uuid; -- event
  v2 uuid; -- user
  v3 text; -- status
  v4 text; -- mode
  v5 int; -- guests
  v6 jsonb; -- answers
  v7 timestamptz; -- coc acknowledged
  v8 text; -- source
  v9 bigint; -- waitlist place kept
  v10 text; -- history: from
  v11 uuid; -- history: actor
  v12 text; -- history: note
  v13 uuid; -- notice: event (null: no notice)
  v14 uuid; -- notice: user
  v15 uuid; -- notice: group
  v16 text; -- notice: opt-out category
  v17 int; -- notice: event sequence
  v18 boolean; -- notice: content kind
  v19 uuid; -- notice: outbox id
  v20 text; -- notice: purpose
  v21 text; -- notice: Message-ID
  v22 text; -- notice: kind
  v23 text; -- notice: answer
  v24 text; -- guard: state
  v25 text; -- guard: seats key
  v26 int; -- guard: seats min
  v27 int; -- guard: seats max
  v28 timestamptz; -- guard: answer closes
BEGIN
  FOR a IN SELECT x.value FROM jsonb_array_elements(p_answers) WITH ORDINALITY AS x ORDER BY x.ordinality LOOP
    out_rsvp := NULL;
    out_notices := 0;
    out_code := NULL;
    out_constraint := NULL;
    out_message := NULL;
    BEGIN
      v1 := (a->>0)::uuid;
      v2 := (a->>1)::uuid;
      v3 := (a->>2)::text;
      v4 := (a->>3)::text;
      v5 := (a->>4)::int;
      v6 := (a->>5)::jsonb;
      v7 := (a->>6)::timestamptz;
      v8 := (a->>7)::text;
      v9 := (a->>8)::bigint;
      v10 := (a->>9)::text;
      v11 := (a->>10)::uuid;
      v12 := (a->>11)::text;
      v13 := (a->>12)::uuid;
      v14 := (a->>13)::uuid;
      v15 := (a->>14)::uuid;
      v16 := (a->>15)::text;
      v17 := (a->>16)::int;
      v18 := (a->>17)::boolean;
      v19 := (a->>18)::uuid;
      v20 := (a->>19)::text;
      v21 := (a->>20)::text;
      v22 := (a->>21)::text;
      v23 := (a->>22)::text;
      v24 := (a->>23)::text;
      v25 := (a->>24)::text;
      v26 := (a->>25)::int;
      v27 := (a->>26)::int;
      v28 := (a->>27)::timestamptz;
      IF v13 IS NULL THEN
        WITH guard AS (SELECT rsvp_answer_guard(v1, v2, v24::text, v25::text,
                                      v26::int, v27::int,
                                      v28::timestamptz) AS ok), 
  written AS (
    INSERT INTO rsvps (event_id, user_id, status, mode, guests, answers, coc_acknowledged_at, source, waitlist_seq)
    VALUES ((SELECT v1::uuid FROM guard), v2, v3, v4, v5, v6, v7, v8,
            CASE WHEN v3 = 'waitlisted' THEN coalesce(v9::bigint, nextval('rsvp_waitlist_seq')) END)
    ON CONFLICT ON CONSTRAINT "UQ_rsvps_event_id_user_id" DO UPDATE SET
      status = EXCLUDED.status, mode = EXCLUDED.mode, guests = EXCLUDED.guests, answers = EXCLUDED.answers,
      coc_acknowledged_at = EXCLUDED.coc_acknowledged_at, source = EXCLUDED.source,
      waitlist_seq = EXCLUDED.waitlist_seq, updated_at = now()
    RETURNING *),
  history AS (
    INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, actor_id, note)
    SELECT id, event_id, user_id, v10::text, status, guests, source, v11::uuid, v12::text FROM written) SELECT row_to_json(w) INTO out_rsvp FROM written w;
      ELSE
        
  WITH guard AS (SELECT rsvp_answer_guard(v1, v2, v24::text, v25::text,
                                      v26::int, v27::int,
                                      v28::timestamptz) AS ok), 
  written AS (
    INSERT INTO rsvps (event_id, user_id, status, mode, guests, answers, coc_acknowledged_at, source, waitlist_seq)
    VALUES ((SELECT v1::uuid FROM guard), v2, v3, v4, v5, v6, v7, v8,
            CASE WHEN v3 = 'waitlisted' THEN coalesce(v9::bigint, nextval('rsvp_waitlist_seq')) END)
    ON CONFLICT ON CONSTRAINT "UQ_rsvps_event_id_user_id" DO UPDATE SET
      status = EXCLUDED.status, mode = EXCLUDED.mode, guests = EXCLUDED.guests, answers = EXCLUDED.answers,
      coc_acknowledged_at = EXCLUDED.coc_acknowledged_at, source = EXCLUDED.source,
      waitlist_seq = EXCLUDED.waitlist_seq, updated_at = now()
    RETURNING *),
  history AS (
    INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, actor_id, note)
    SELECT id, event_id, user_id, v10::text, status, guests, source, v11::uuid, v12::text FROM written), 
  target AS (
    SELECT u.id AS user_id, u.email,
           (m.status IS DISTINCT FROM 'banned' AND (v16::text IS NULL OR NOT EXISTS (
              SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.category = v16))) AS reachable
      FROM users u LEFT JOIN memberships m ON m.group_id = v15 AND m.user_id = u.id
     WHERE u.id = v14 AND EXISTS (SELECT 1 FROM guard)),
  invitation AS (
    INSERT INTO invitations AS i (event_id, user_id, last_sequence_sent, last_sent_at, content_sequence,
                                  event_sequence_sent)
    SELECT v13, t.user_id, CASE WHEN t.reachable THEN v17::int END, CASE WHEN t.reachable THEN now() END,
           CASE WHEN t.reachable THEN v17::int END, CASE WHEN t.reachable THEN v17::int END
      FROM target t
    ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO UPDATE SET
      last_sequence_sent = greatest(EXCLUDED.last_sequence_sent,
                                    coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent)),
      last_sent_at = EXCLUDED.last_sent_at,
      event_sequence_sent = EXCLUDED.event_sequence_sent,
      content_sequence = CASE WHEN v18::boolean OR i.content_sequence IS NULL
                              THEN greatest(EXCLUDED.last_sequence_sent,
                                            coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent))
                              ELSE i.content_sequence END
     WHERE i.revoked_at IS NULL AND EXCLUDED.last_sequence_sent IS NOT NULL
    RETURNING i.id, i.last_sequence_sent),
  queued AS (
    INSERT INTO outbox_messages (id, purpose, user_id, recipient, event_id, ordering_key, message_id, compose,
                                  subject, text_body, status, attempts, next_attempt_at)
          SELECT d.*, '', '', 'queued', 0, now() FROM (
      SELECT v19::uuid, v20::text, t.user_id, t.email, v13::uuid, 'event:' || v13::uuid || ':user:' || v14::uuid, v21::text,
             jsonb_build_object('kind', v22::text, 'invitationId', inv.id, 'sequence', inv.last_sequence_sent,
                                'answer', coalesce(v23::text, (SELECT r.status FROM rsvps r
                                                                WHERE r.event_id = v13::uuid AND r.user_id = v14::uuid)))
        FROM invitation inv JOIN target t ON t.reachable) AS d
    RETURNING id)
  SELECT row_to_json(w), (SELECT count(*) FROM queued)::int INTO out_rsvp, out_notices FROM written w;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS out_code = RETURNED_SQLSTATE, out_constraint = CONSTRAINT_NAME,
                              out_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
END
$fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rsvp_write_answers(jsonb)`);
  }
}
