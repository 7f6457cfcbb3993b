import { randomUUID } from 'node:crypto';
import { PoolClient, QueryResultRow } from 'pg';
import { BatchOutcome, KeyedBatches } from '../../libs/core/src/database/keyed-batches';
import { statementName } from '../../libs/core/src/database/sql';
import {
  GUARDED_WRITE_RSVP,
  GUARDED_WRITE_RSVP_AND_NOTIFY,
  LOCK_FOR_ANSWER,
  READ_FOR_ANSWER,
  WRITE_ANSWERS,
  WRITE_BATCH,
  WRITE_RSVP,
  WRITE_RSVP_AND_NOTIFY,
} from '../../libs/rsvp/src/rsvp.statements';

interface LockedRow {
  e: {
    id: string;
    group_id: string;
    kind: string;
    status: string;
    capacity: number | null;
    online_capacity: number | null;
    ends_at: string;
    rsvp_opens_at: string | null;
    rsvp_closes_at: string | null;
    sequence: number;
  };
  g: { visibility: string };
  m: { status: string } | null;
  r: { status: string; guests: number } | null;
  taken_all: number | null;
  waiting: boolean;
  /** READ_FOR_ANSWER's row versions (not in LOCK_FOR_ANSWER's row). */
  state?: string;
}

/*
 * The RSVP as PostgreSQL alone would run it — what the API's number is compared with. The same
 * statements as the app, imported from libs/ so the two cannot drift apart: the lock-free read the
 * answer is decided on (event, group, membership, the caller's RSVP, seats taken, anyone waiting,
 * and the versions of those rows), then one guarded statement on its own that takes the event lock, checks the
 * versions and the seats, and writes the RSVP with its history row, the invitation upsert and the
 * "you're going" notice queued as an intent (composed after commit by the worker, as in the app);
 * the writes for one event that arrive while one is in flight go together in the next statement, as
 * the app sends them (rsvp_write_answers). When the guard finds the state changed, or a cancel has to move the waitlist, the answer is run
 * again as the app does: a transaction with the one-round-trip lock (event row FOR NO KEY UPDATE,
 * the caller's RSVP FOR UPDATE, seats, anyone waiting) and the same write. Over `pg` with no HTTP,
 * no Nest and no ORM, and only the decisions the benchmark's answers need.
 */

/**
 * A statement as the app sends it: named and prepared once per connection (its name from its text), so
 * PostgreSQL does not parse and plan it for every answer.
 */
async function run<T extends QueryResultRow>(
  client: PoolClient,
  text: string,
  values: unknown[],
): Promise<T[]> {
  return (await client.query<T>({ name: statementName(text), text, values })).rows;
}

/** SQLSTATE of rsvp_answer_guard when what the answer was decided on has changed. */
const STATE_CHANGED = 'HR001';

const WAITLIST_HEAD = `
  SELECT * FROM rsvps WHERE event_id = $1 AND status = 'waitlisted' AND ($2::text IS NULL OR mode = $2)
   ORDER BY waitlist_seq LIMIT 1 FOR UPDATE`;

/** WRITE_RSVP's parameters for a web answer with no guests, answers or code-of-conduct date. */
function writeParams(eventId: string, userId: string, status: string, from: string | null): unknown[] {
  return [eventId, userId, status, 'in_person', 0, '{}', null, 'web', null, from, null, null];
}

function refusal(row: LockedRow | undefined, forGoing: boolean): string | null {
  if (!row) return 'no such event';
  const event = row.e;
  if (event.status !== 'scheduled') return 'event not open';
  if (row.m?.status === 'banned') return 'banned';
  if (row.g.visibility === 'private' && row.m?.status !== 'active') return 'not a member';
  const now = Date.now();
  if (now >= Date.parse(event.ends_at)) return 'event ended';
  if (forGoing && event.rsvp_opens_at && now < Date.parse(event.rsvp_opens_at)) return 'not open yet';
  if (forGoing && event.rsvp_closes_at && now >= Date.parse(event.rsvp_closes_at)) return 'closed';
  return null;
}

async function inTransaction(client: PoolClient, work: () => Promise<true | string>): Promise<true | string> {
  await client.query('BEGIN');
  try {
    const outcome = await work();
    await client.query(outcome === true ? 'COMMIT' : 'ROLLBACK');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The seats a "going" with no guests needs: the guard's range (key, min, max) with the refusal. */
function goingSeats(row: LockedRow): { refused: string | null; range: [string | null, null, number | null] } {
  const event = row.e;
  const capacity = event.kind === 'hybrid' ? event.online_capacity : event.capacity;
  if (capacity === null) return { refused: null, range: [null, null, null] };
  const refused = capacity - (row.taken_all ?? 0) < 1 ? 'full' : null;
  return { refused, range: ['all', null, capacity - 1] };
}

/** The notice's parameters, as InvitationsService.noticeParams gives them. */
function noticeParams(row: LockedRow, userId: string, inboundDomain: string): unknown[] {
  const id = randomUUID();
  return [
    row.e.id,
    userId,
    row.e.group_id,
    null,
    row.e.sequence,
    false, // a "you're going" notice changes nothing in the event itself
    id,
    'event_confirmed',
    `<${id}@${inboundDomain}>`,
    'confirmed',
    'going',
  ];
}

/** When the answer closes, as the app passes it to the guard: the event's end, or for a yes the RSVP deadline if earlier. */
function answerCloses(read: LockedRow, answer: 'going' | 'declined'): string {
  const event = read.e as unknown as { ends_at: string; rsvp_closes_at: string | null };
  const closes = answer === 'going' ? event.rsvp_closes_at : null;
  return closes && new Date(closes) < new Date(event.ends_at) ? closes : event.ends_at;
}

type Guarded = { notices_queued?: number } | false;

/** A guarded write waiting for its event's statement, with the connection its answer holds. */
interface CeilingWrite {
  client: PoolClient;
  sql: string;
  params: unknown[];
}

/**
 * Guarded writes as the app sends them (GuardedWritesRepository): one statement at a time per event,
 * the ones arriving meanwhile together in one call of rsvp_write_answers, by person, run on the
 * connection of the first of them (each answer holds one here, so a batch needs no other).
 */
const writes = new KeyedBatches<CeilingWrite, Guarded>(
  (w) => guardedOne(w.client, w.sql, w.params),
  (batch) => guardedMany(batch),
  WRITE_BATCH,
);

/** A guarded write; false when the guard found the state changed. */
function guarded(client: PoolClient, sql: string, params: unknown[]): Promise<Guarded> {
  return writes.run(String(params[0]), { client, sql, params });
}

async function guardedOne(client: PoolClient, sql: string, params: unknown[]): Promise<Guarded> {
  try {
    return (await run<{ notices_queued?: number }>(client, sql, params))[0];
  } catch (error) {
    if ((error as { code?: string }).code === STATE_CHANGED) return false;
    throw error;
  }
}

async function guardedMany(batch: CeilingWrite[]): Promise<Array<BatchOutcome<Guarded>>> {
  // rsvp_write_answers takes GUARDED_WRITE_RSVP_AND_NOTIFY's 28 parameters; a write without a notice has 17.
  const full = (w: CeilingWrite): unknown[] =>
    w.sql === GUARDED_WRITE_RSVP
      ? [...w.params.slice(0, 12), ...Array<null>(11).fill(null), ...w.params.slice(12)]
      : w.params;
  const user = (i: number): string => String(batch[i].params[1]);
  const byPerson = batch.map((_, i) => i).sort((a, b) => (user(a) < user(b) ? -1 : 1));
  const rows = await run<{ out_notices: number; out_code: string | null; out_message: string | null }>(
    batch[0].client,
    WRITE_ANSWERS,
    [JSON.stringify(byPerson.map((i) => full(batch[i])))],
  );
  const outcomes: Array<BatchOutcome<Guarded>> = [];
  byPerson.forEach((answer, i) => {
    const row = rows[i];
    if (!row) return;
    if (row.out_code === null) outcomes[answer] = { result: { notices_queued: row.out_notices } };
    else if ([STATE_CHANGED, '40P01', '40001'].includes(row.out_code)) outcomes[answer] = { result: false };
    else
      outcomes[answer] = { error: Object.assign(new Error(row.out_message ?? ''), { code: row.out_code }) };
  });
  return outcomes;
}

/** RSVP "going": the read, then the guarded upsert with history, invitation upsert and notice intent. */
export async function ceilingGoing(
  client: PoolClient,
  eventId: string,
  user: { id: string },
  inboundDomain: string,
): Promise<true | string> {
  const read = (await run<LockedRow>(client, READ_FOR_ANSWER, [eventId, user.id]))[0];
  const refused = refusal(read, true);
  if (refused) return refused;
  const previous = read.r?.status ?? null;
  if (previous === 'going') return 'already going';
  const seats = goingSeats(read);
  if (seats.refused) return seats.refused;
  const written = await guarded(client, GUARDED_WRITE_RSVP_AND_NOTIFY, [
    ...writeParams(eventId, user.id, 'going', previous),
    ...noticeParams(read, user.id, inboundDomain),
    read.state,
    ...seats.range,
    answerCloses(read, 'going'),
  ]);
  if (written === false) return lockedGoing(client, eventId, user, inboundDomain);
  return written.notices_queued === 1 ? true : 'no notice queued';
}

/** "going" decided again under the lock, as the app does when the guard refused. */
export function lockedGoing(
  client: PoolClient,
  eventId: string,
  user: { id: string },
  inboundDomain: string,
): Promise<true | string> {
  return inTransaction(client, async () => {
    const rows = await run<LockedRow>(client, LOCK_FOR_ANSWER, [eventId, user.id, true]);
    const locked = rows[0];
    const refused = refusal(locked, true);
    if (refused) return refused;
    const previous = locked.r?.status ?? null;
    if (previous === 'going') return 'already going';
    const seats = goingSeats(locked);
    if (seats.refused) return seats.refused;
    const written = await run<{ notices_queued: number }>(client, WRITE_RSVP_AND_NOTIFY, [
      ...writeParams(eventId, user.id, 'going', previous),
      ...noticeParams(locked, user.id, inboundDomain),
    ]);
    return written[0]?.notices_queued === 1 ? true : 'no notice queued';
  });
}

/** RSVP "declined" (the DELETE): the read, then the guarded upsert with history (no notice). */
export async function ceilingCancel(
  client: PoolClient,
  eventId: string,
  user: { id: string },
): Promise<true | string> {
  const read = (await run<LockedRow>(client, READ_FOR_ANSWER, [eventId, user.id]))[0];
  const refused = refusal(read, false);
  if (refused) return refused;
  const previous = read.r?.status ?? null;
  if (previous === 'declined') return 'already declined';
  // A freed seat goes to the head of the waitlist in the same transaction: under the lock.
  if (previous === 'going' && read.waiting) return lockedCancel(client, eventId, user);
  const params = [
    ...writeParams(eventId, user.id, 'declined', previous),
    read.state,
    null,
    null,
    null,
    answerCloses(read, 'declined'),
  ];
  return (await guarded(client, GUARDED_WRITE_RSVP, params)) === false
    ? lockedCancel(client, eventId, user)
    : true;
}

/** "declined" under the lock, with the waitlist head when anyone waits. */
function lockedCancel(client: PoolClient, eventId: string, user: { id: string }): Promise<true | string> {
  return inTransaction(client, async () => {
    const rows = await run<LockedRow>(client, LOCK_FOR_ANSWER, [eventId, user.id, true]);
    const locked = rows[0];
    const refused = refusal(locked, false);
    if (refused) return refused;
    const previous = locked.r?.status ?? null;
    if (previous === 'declined') return 'already declined';
    await run(client, WRITE_RSVP, writeParams(eventId, user.id, 'declined', previous));
    if (previous === 'going' && locked.waiting) await run(client, WAITLIST_HEAD, [eventId, null]);
    return true;
  });
}
