import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { NOTIFY_ONE } from '../../libs/events/src/invitations/invitations.repository';
import { WRITE_RSVP } from '../../libs/rsvp/src/rsvp.repository';

/** One outbox row as the app wrote it for a "you're going" notice; the ceiling writes the same. */
export interface OutboxTemplate {
  purpose: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Record<string, string>;
  calendar: unknown;
  attachments: unknown[];
}

interface LockedEvent {
  id: string;
  group_id: string;
  kind: string;
  status: string;
  capacity: number | null;
  online_capacity: number | null;
  ends_at: Date;
  rsvp_opens_at: Date | null;
  rsvp_closes_at: Date | null;
  sequence: number;
  visibility: string;
  membership_status: string | null;
}

interface LockedRsvp {
  id: string;
  status: string;
  guests: number;
}

/*
 * The RSVP transaction as PostgreSQL alone would run it — what the API's number is compared with.
 * Same rows locked, same rows written, same constraints and trigger, over `pg` with no HTTP, no Nest
 * and no ORM. The RSVP write (with its history row) and the invitation upsert are the app's own
 * statements, imported; the event lock selects only the columns the decision needs (the app's selects
 * every column of event, group and membership), so the ceiling is, if anything, a little generous.
 */

const LOCK_EVENT = `
  SELECT e.id, e.group_id, e.kind, e.status, e.capacity, e.online_capacity, e.ends_at, e.rsvp_opens_at, e.rsvp_closes_at,
         e.sequence, g.visibility, m.status AS membership_status
    FROM events e JOIN groups g ON g.id = e.group_id
    LEFT JOIN memberships m ON m.group_id = e.group_id AND m.user_id = $2
   WHERE e.id = $1
     FOR UPDATE OF e`;

const LOCK_RSVP = `SELECT * FROM rsvps WHERE event_id = $1 AND user_id = $2 FOR UPDATE`;

const SEATS_TAKEN = `
  SELECT coalesce(sum(1 + guests), 0)::int AS taken FROM rsvps
   WHERE event_id = $1 AND status = 'going' AND ($2::boolean OR mode = $3)`;

const OUTBOX = `
  INSERT INTO outbox_messages (id, purpose, user_id, recipient, subject, text_body, html_body, headers, calendar,
                               attachments, message_id, event_id, ordering_key, status, attempts, next_attempt_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'queued', 0, now())`;

const WAITLIST_HEAD = `
  SELECT * FROM rsvps WHERE event_id = $1 AND status = 'waitlisted' AND ($2::text IS NULL OR mode = $2)
   ORDER BY waitlist_seq LIMIT 1 FOR UPDATE`;

/** WRITE_RSVP's parameters for a web answer with no guests, answers or code-of-conduct date. */
function writeParams(eventId: string, userId: string, status: string, from: string | null): unknown[] {
  return [eventId, userId, status, 'in_person', 0, '{}', null, 'web', null, from, null, null];
}

function refusal(event: LockedEvent | undefined, forGoing: boolean): string | null {
  if (!event) return 'no such event';
  if (event.status !== 'scheduled') return 'event not open';
  if (event.membership_status === 'banned') return 'banned';
  if (event.visibility === 'private' && event.membership_status !== 'active') return 'not a member';
  const now = Date.now();
  if (now >= event.ends_at.getTime()) return 'event ended';
  if (forGoing && event.rsvp_opens_at && now < event.rsvp_opens_at.getTime()) return 'not open yet';
  if (forGoing && event.rsvp_closes_at && now >= event.rsvp_closes_at.getTime()) return 'closed';
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

/** RSVP "going": lock event, lock RSVP, count seats, upsert with history, invitation, outbox notice. */
export function ceilingGoing(
  client: PoolClient,
  eventId: string,
  user: { id: string; email: string },
  template: OutboxTemplate,
  inboundDomain: string,
): Promise<true | string> {
  return inTransaction(client, async () => {
    const { rows: events } = await client.query<LockedEvent>(LOCK_EVENT, [eventId, user.id]);
    const event = events[0];
    const refused = refusal(event, true);
    if (refused) return refused;
    const { rows: existing } = await client.query<LockedRsvp>(LOCK_RSVP, [eventId, user.id]);
    const previous = existing[0]?.status ?? null;
    if (previous === 'going') return 'already going';
    const mode = 'in_person';
    const capacity = event.kind === 'hybrid' ? event.online_capacity : event.capacity;
    if (capacity !== null) {
      const { rows } = await client.query<{ taken: number }>(SEATS_TAKEN, [
        eventId,
        event.kind !== 'hybrid',
        mode,
      ]);
      if (capacity - rows[0].taken < 1) return 'full';
    }
    await client.query(WRITE_RSVP, writeParams(eventId, user.id, 'going', previous));
    const { rows: invited } = await client.query(NOTIFY_ONE, [
      eventId,
      user.id,
      event.group_id,
      null,
      event.sequence,
      false, // a "you're going" notice changes nothing in the event itself
    ]);
    if (invited.length !== 1) return 'no invitation';
    const id = randomUUID();
    await client.query(OUTBOX, [
      id,
      template.purpose,
      user.id,
      user.email,
      template.subject,
      template.text_body,
      template.html_body,
      // The app's Reply-To is signed from the invitation id; the template's has the same length.
      JSON.stringify(template.headers),
      template.calendar === null ? null : JSON.stringify(template.calendar),
      JSON.stringify(template.attachments),
      `<${id}@${inboundDomain}>`,
      eventId,
      // As InvitationsService keys it, so the ceiling keeps the ordering index up to date too.
      `event:${eventId}:user:${user.id}`,
    ]);
    return true;
  });
}

/** RSVP "declined" (the DELETE): lock event, lock RSVP, upsert with history, look at the waitlist head. */
export function ceilingCancel(
  client: PoolClient,
  eventId: string,
  user: { id: string },
): Promise<true | string> {
  return inTransaction(client, async () => {
    const { rows: events } = await client.query<LockedEvent>(LOCK_EVENT, [eventId, user.id]);
    const refused = refusal(events[0], false);
    if (refused) return refused;
    const { rows: existing } = await client.query<LockedRsvp>(LOCK_RSVP, [eventId, user.id]);
    const previous = existing[0]?.status ?? null;
    if (previous === 'declined') return 'already declined';
    await client.query(WRITE_RSVP, writeParams(eventId, user.id, 'declined', previous));
    // A freed seat goes to the head of the waitlist in the same transaction (none here: seats spare).
    if (previous === 'going') await client.query(WAITLIST_HEAD, [eventId, null]);
    return true;
  });
}
