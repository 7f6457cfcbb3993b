import { noticeCtes } from '@app/events';

/*
 * The SQL of the RSVP answer path (RsvpRepository runs it), exported so bench/rsvp's ceiling runs the
 * same statements.
 */
/**
 * The upsert of an RSVP and its history row ($1–$12, see writeRsvp). `eventId`: how the row gets $1
 * (through the guard, when there is one, so the guard runs first).
 */
const writeCtes = (eventId = '$1'): string => `
  written AS (
    INSERT INTO rsvps (event_id, user_id, status, mode, guests, answers, coc_acknowledged_at, source, waitlist_seq)
    VALUES (${eventId}, $2, $3, $4, $5, $6, $7, $8,
            CASE WHEN $3 = 'waitlisted' THEN coalesce($9::bigint, nextval('rsvp_waitlist_seq')) END)
    ON CONFLICT ON CONSTRAINT "UQ_rsvps_event_id_user_id" DO UPDATE SET
      status = EXCLUDED.status, mode = EXCLUDED.mode, guests = EXCLUDED.guests, answers = EXCLUDED.answers,
      coc_acknowledged_at = EXCLUDED.coc_acknowledged_at, source = EXCLUDED.source,
      waitlist_seq = EXCLUDED.waitlist_seq, updated_at = now()
    RETURNING *),
  history AS (
    INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, actor_id, note)
    SELECT id, event_id, user_id, $10::text, status, guests, source, $11::uuid, $12::text FROM written)`;

/** The upsert of writeRsvp with its history row; exported so bench/rsvp's ceiling runs the same statement. */
export const WRITE_RSVP = `WITH ${writeCtes()} SELECT * FROM written`;

/**
 * WRITE_RSVP and the notice the change causes (events' noticeCtes, parameters from $13: the
 * invitation upsert and the message queued as an intent), in one statement: one round trip where
 * there were three. Exported so bench/rsvp's ceiling runs the same statement.
 */
export const WRITE_RSVP_AND_NOTIFY = `
  WITH ${writeCtes()}, ${noticeCtes(12)}
  SELECT w.*, (SELECT count(*) FROM queued)::int AS notices_queued FROM written w`;

/**
 * The guard of a write decided on READ_FOR_ANSWER's row (migration AddRsvpAnswerGuard), its
 * parameters after `offset`: the state (row versions), the seats taken key, min and max, and the
 * instant the answer closes (null: never, for an organizer).
 */
const guardCte = (offset: number): string =>
  `guard AS (SELECT rsvp_answer_guard($1, $2, $${offset + 1}::text, $${offset + 2}::text,
                                      $${offset + 3}::int, $${offset + 4}::int,
                                      $${offset + 5}::timestamptz) AS ok)`;
const GUARDED_EVENT_ID = '(SELECT $1::uuid FROM guard)';

/**
 * WRITE_RSVP, guarded: a statement on its own (no transaction around it) that takes the event lock
 * and checks the answer's state before it writes anything, or raises HR001 and writes nothing.
 * Exported so bench/rsvp's ceiling runs the same statement.
 */
export const GUARDED_WRITE_RSVP = `WITH ${guardCte(12)}, ${writeCtes(GUARDED_EVENT_ID)} SELECT * FROM written`;

/** WRITE_RSVP_AND_NOTIFY, guarded likewise (the notice waits for the guard too). */
export const GUARDED_WRITE_RSVP_AND_NOTIFY = `
  WITH ${guardCte(23)}, ${writeCtes(GUARDED_EVENT_ID)}, ${noticeCtes(12, 'EXISTS (SELECT 1 FROM guard)')}
  SELECT w.*, (SELECT count(*) FROM queued)::int AS notices_queued FROM written w`;

/**
 * What LOCK_FOR_ANSWER returns, read without any lock in one statement on its own (one snapshot), with
 * the digest of the row versions it read that the guarded write checks (migration AddRsvpAnswerGuard):
 * what an answer is first decided on.
 */
export const READ_FOR_ANSWER = `SELECT * FROM rsvp_answer_read($1, $2)`;

/**
 * READ_FOR_ANSWER for many (event, person) pairs in one statement (one snapshot, as each read alone
 * is): the answers arriving together share one round trip (RsvpRepository.readForAnswer).
 */
export const READ_FOR_ANSWERS = `
  SELECT k.event_id AS key_event_id, k.user_id AS key_user_id, r.*
    FROM unnest($1::uuid[], $2::uuid[]) AS k(event_id, user_id)
   CROSS JOIN LATERAL rsvp_answer_read(k.event_id, k.user_id) r`;

/**
 * The one round trip before an answer is decided (migration AddDeferredRsvpNotices): the event row
 * locked FOR NO KEY UPDATE with its group, the caller's membership and invitation, then — read after
 * the lock is granted — the caller's RSVP locked FOR UPDATE, the seats taken (when the event has a
 * capacity) and whether anyone waits (when the caller holds a seat). $3 false: no event lock (the
 * negative-control test only). Exported so bench/rsvp's ceiling runs the same statement.
 */
export const LOCK_FOR_ANSWER = `SELECT * FROM rsvp_lock_event($1, $2, $3)`;

/**
 * Answers written together (migration AddRsvpWriteBatches): how many one call of rsvp_write_answers
 * takes at most. Each answer is a subtransaction; PostgreSQL tracks up to 64 per transaction in shared
 * memory before every other session's snapshots get slower, so a batch stays well under that.
 */
export const WRITE_BATCH = 32;

/** Each answer of a batch: GUARDED_WRITE_RSVP_AND_NOTIFY's 28 parameters, as the function's variables. */
const BATCH_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['uuid', 'event'],
  ['uuid', 'user'],
  ['text', 'status'],
  ['text', 'mode'],
  ['int', 'guests'],
  ['jsonb', 'answers'],
  ['timestamptz', 'coc acknowledged'],
  ['text', 'source'],
  ['bigint', 'waitlist place kept'],
  ['text', 'history: from'],
  ['uuid', 'history: actor'],
  ['text', 'history: note'],
  ['uuid', 'notice: event (null: no notice)'],
  ['uuid', 'notice: user'],
  ['uuid', 'notice: group'],
  ['text', 'notice: opt-out category'],
  ['int', 'notice: event sequence'],
  ['boolean', 'notice: content kind'],
  ['uuid', 'notice: outbox id'],
  ['text', 'notice: purpose'],
  ['text', 'notice: Message-ID'],
  ['text', 'notice: kind'],
  ['text', 'notice: answer'],
  ['text', 'guard: state'],
  ['text', 'guard: seats key'],
  ['int', 'guard: seats min'],
  ['int', 'guard: seats max'],
  ['timestamptz', 'guard: answer closes'],
];

/** A statement's $n as the batch function's variable (the guard's $13–$17 of GUARDED_WRITE_RSVP are $24–$28). */
function asVariables(sql: string, guardFrom: number): string {
  return sql.replace(/\$(\d+)/g, (_match, n: string) => {
    const index = Number(n);
    return `v${index >= guardFrom ? index - guardFrom + 24 : index}`;
  });
}

/**
 * The body of rsvp_write_answers(jsonb) (migration AddRsvpWriteBatches): for each answer of the batch,
 * in order, GUARDED_WRITE_RSVP (or _AND_NOTIFY when it carries a notice) as a subtransaction, so one
 * answer's failure (its guard's HR001, a full event) writes nothing of it and leaves the others be.
 * Generated from the statements above so the two paths cannot differ: test/rsvp-write-batches checks
 * that the function in the database is this text (a change here needs a migration).
 */
export function writeAnswersFunctionBody(): string {
  const declare = BATCH_VARIABLES.map(([type, what], i) => `  v${i + 1} ${type}; -- ${what}`).join('\n');
  const assign = BATCH_VARIABLES.map(([type], i) => `      v${i + 1} := (a->>${i})::${type};`).join('\n');
  const write = asVariables(GUARDED_WRITE_RSVP, 13).replace(
    /SELECT \* FROM written$/,
    'SELECT row_to_json(w) INTO out_rsvp FROM written w',
  );
  const writeAndNotify = asVariables(GUARDED_WRITE_RSVP_AND_NOTIFY, 24).replace(
    /SELECT w\.\*, \(SELECT count\(\*\) FROM queued\)::int AS notices_queued FROM written w\s*$/,
    'SELECT row_to_json(w), (SELECT count(*) FROM queued)::int INTO out_rsvp, out_notices FROM written w',
  );
  return `
#variable_conflict use_column
DECLARE
  a jsonb;
${declare}
BEGIN
  FOR a IN SELECT x.value FROM jsonb_array_elements(p_answers) WITH ORDINALITY AS x ORDER BY x.ordinality LOOP
    out_rsvp := NULL;
    out_notices := 0;
    out_code := NULL;
    out_constraint := NULL;
    out_message := NULL;
    BEGIN
${assign}
      IF v13 IS NULL THEN
        ${write};
      ELSE
        ${writeAndNotify};
      END IF;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS out_code = RETURNED_SQLSTATE, out_constraint = CONSTRAINT_NAME,
                              out_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
END
`;
}

/** One call for a batch of answers: a row per answer, in order (see writeAnswersFunctionBody). */
export const WRITE_ANSWERS = `SELECT * FROM rsvp_write_answers($1::jsonb)`;
