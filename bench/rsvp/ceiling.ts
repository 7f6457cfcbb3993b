import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { LOCK_FOR_ANSWER, WRITE_RSVP, WRITE_RSVP_AND_NOTIFY } from '../../libs/rsvp/src/rsvp.repository';

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
}

/*
 * The RSVP transaction as PostgreSQL alone would run it — what the API's number is compared with.
 * The same statements as the app, imported from libs/ so the two cannot drift apart: the one-round-trip
 * lock (event row FOR NO KEY UPDATE, the caller's RSVP FOR UPDATE, seats taken, anyone waiting), then
 * one statement writing the RSVP with its history row, the invitation upsert and the "you're going"
 * notice queued as an intent (composed after commit by the worker, as in the app); over `pg` with no
 * HTTP, no Nest and no ORM, and only the decisions the benchmark's answers need.
 */

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

/** RSVP "going": lock (event, RSVP, seats); upsert with history, invitation upsert and notice intent. */
export function ceilingGoing(
  client: PoolClient,
  eventId: string,
  user: { id: string },
  inboundDomain: string,
): Promise<true | string> {
  return inTransaction(client, async () => {
    const { rows } = await client.query<LockedRow>(LOCK_FOR_ANSWER, [eventId, user.id, true]);
    const locked = rows[0];
    const refused = refusal(locked, true);
    if (refused) return refused;
    const previous = locked.r?.status ?? null;
    if (previous === 'going') return 'already going';
    const event = locked.e;
    const capacity = event.kind === 'hybrid' ? event.online_capacity : event.capacity;
    if (capacity !== null && capacity - (locked.taken_all ?? 0) < 1) return 'full';
    const id = randomUUID();
    const { rows: written } = await client.query<{ notices_queued: number }>(WRITE_RSVP_AND_NOTIFY, [
      ...writeParams(eventId, user.id, 'going', previous),
      // The notice's parameters, as InvitationsService.noticeParams gives them.
      eventId,
      user.id,
      event.group_id,
      null,
      event.sequence,
      false, // a "you're going" notice changes nothing in the event itself
      id,
      'event_confirmed',
      `<${id}@${inboundDomain}>`,
      'confirmed',
      'going',
    ]);
    if (written[0]?.notices_queued !== 1) return 'no notice queued';
    return true;
  });
}

/** RSVP "declined" (the DELETE): lock (event, RSVP), upsert with history, the waitlist head if anyone waits. */
export function ceilingCancel(
  client: PoolClient,
  eventId: string,
  user: { id: string },
): Promise<true | string> {
  return inTransaction(client, async () => {
    const { rows } = await client.query<LockedRow>(LOCK_FOR_ANSWER, [eventId, user.id, true]);
    const locked = rows[0];
    const refused = refusal(locked, false);
    if (refused) return refused;
    const previous = locked.r?.status ?? null;
    if (previous === 'declined') return 'already declined';
    await client.query(WRITE_RSVP, writeParams(eventId, user.id, 'declined', previous));
    // A freed seat goes to the head of the waitlist in the same transaction, when anyone waits.
    if (previous === 'going' && locked.waiting) await client.query(WAITLIST_HEAD, [eventId, null]);
    return true;
  });
}
