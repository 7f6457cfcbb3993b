import { EntityManager } from 'typeorm';
import { isUniqueViolation, queryRows } from '@app/core';
import { EventEntity } from '@app/events';
import { rsvpError } from './rsvp.errors';
import { RsvpEntity, RsvpMode, RsvpSource, RsvpStatus } from './rsvp.entity';
import { capacityFor } from './rsvp-rules';

/** SQL for RSVPs, all run in the caller's transaction. */

/** The upsert of writeRsvp with its history row; exported so bench/rsvp's ceiling runs the same statement. */
export const WRITE_RSVP = `
  WITH written AS (
    INSERT INTO rsvps (event_id, user_id, status, mode, guests, answers, coc_acknowledged_at, source, waitlist_seq)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
            CASE WHEN $3 = 'waitlisted' THEN coalesce($9::bigint, nextval('rsvp_waitlist_seq')) END)
    ON CONFLICT ON CONSTRAINT "UQ_rsvps_event_id_user_id" DO UPDATE SET
      status = EXCLUDED.status, mode = EXCLUDED.mode, guests = EXCLUDED.guests, answers = EXCLUDED.answers,
      coc_acknowledged_at = EXCLUDED.coc_acknowledged_at, source = EXCLUDED.source,
      waitlist_seq = EXCLUDED.waitlist_seq, updated_at = now()
    RETURNING *),
  history AS (
    INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, actor_id, note)
    SELECT id, event_id, user_id, $10::text, status, guests, source, $11::uuid, $12::text FROM written)
  SELECT * FROM written`;

export async function seatsLeft(
  tx: EntityManager,
  event: EventEntity,
  mode: RsvpMode,
): Promise<number | null> {
  const capacity = capacityFor(event, mode);
  if (capacity === null) return null;
  const [row] = await queryRows<{ taken: number }>(
    tx,
    `SELECT coalesce(sum(1 + guests), 0)::int AS taken FROM rsvps
      WHERE event_id = $1 AND status = 'going' AND ($2::boolean OR mode = $3)`,
    [event.id, event.kind !== 'hybrid', mode],
  );
  return capacity - (row?.taken ?? 0);
}

export async function lockRsvp(
  tx: EntityManager,
  eventId: string,
  userId: string,
): Promise<RsvpEntity | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    tx,
    `SELECT * FROM rsvps WHERE event_id = $1 AND user_id = $2 FOR UPDATE`,
    [eventId, userId],
  );
  return row ? toEntity(tx, row) : null;
}

/**
 * Whether the event concerns this person (an RSVP, or an invitation not withdrawn), with the mode of
 * their RSVP if they have one; null otherwise. Invitations are read here on purpose: an organizer may
 * answer only for someone the event already concerns.
 */
export async function invitedOrAnswered(
  tx: EntityManager,
  eventId: string,
  userId: string,
): Promise<{ mode: RsvpMode | null } | null> {
  const [row] = await queryRows<{ mode: RsvpMode | null }>(
    tx,
    `SELECT mode FROM rsvps WHERE event_id = $1 AND user_id = $2
     UNION ALL
     SELECT NULL FROM invitations WHERE event_id = $1 AND user_id = $2 AND revoked_at IS NULL
     LIMIT 1`,
    [eventId, userId],
  );
  return row ?? null;
}

/** The head of the waitlist (for one mode of a hybrid event), locked; null when nobody waits. */
export async function lockWaitlistHead(
  tx: EntityManager,
  eventId: string,
  mode: RsvpMode | null,
): Promise<RsvpEntity | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    tx,
    `SELECT * FROM rsvps WHERE event_id = $1 AND status = 'waitlisted' AND ($2::text IS NULL OR mode = $2)
      ORDER BY waitlist_seq LIMIT 1 FOR UPDATE`,
    [eventId, mode],
  );
  return row ? toEntity(tx, row) : null;
}

export interface RsvpWrite {
  eventId: string;
  userId: string;
  status: RsvpStatus;
  mode: RsvpMode | null;
  guests: number;
  answers: Record<string, string>;
  cocAcknowledgedAt: Date | null;
  source: RsvpSource;
  /** Keep the place in line when already waitlisted; take a new one when joining it. */
  keepWaitlistSeq: string | null;
  /** What goes into the history with the change (its source is the RSVP's). */
  history: { from: RsvpStatus | null; actorId: string | null; note?: string };
}

/**
 * Inserts or updates the one RSVP of a person for an event and records the change in its history, in
 * one statement; the capacity trigger may refuse it.
 */
export async function writeRsvp(tx: EntityManager, w: RsvpWrite): Promise<RsvpEntity> {
  const seq = w.status !== 'waitlisted' ? null : w.keepWaitlistSeq;
  try {
    const [row] = await queryRows<Record<string, unknown>>(tx, WRITE_RSVP, [
      w.eventId,
      w.userId,
      w.status,
      w.mode,
      w.guests,
      JSON.stringify(w.answers),
      w.cocAcknowledgedAt,
      w.source,
      seq,
      w.history.from,
      w.history.actorId,
      w.history.note ?? null,
    ]);
    return toEntity(tx, row);
  } catch (error) {
    if (isCapacityViolation(error)) throw rsvpError('EVENT_FULL', 'This event is full');
    if (isUniqueViolation(error))
      throw rsvpError(
        'RSVP_TRANSITION_INVALID',
        'Another change to this RSVP happened at the same time; try again',
      );
    throw error;
  }
}

/** A RETURNING * row as the entity a find would load (TypeORM's own per-column conversion), without the re-read. */
function toEntity(tx: EntityManager, row: Record<string, unknown>): RsvpEntity {
  const entity = tx.create(RsvpEntity);
  for (const column of tx.connection.getMetadata(RsvpEntity).columns) {
    column.setEntityValue(
      entity,
      tx.connection.driver.prepareHydratedValue(row[column.databaseName], column),
    );
  }
  return entity;
}

/** A waitlisted RSVP takes a freed seat; the history records it, in the same statement. */
export async function markPromoted(
  tx: EntityManager,
  rsvp: RsvpEntity,
  source: RsvpSource,
  note: string,
): Promise<void> {
  await tx.query(
    `WITH promoted AS (
       UPDATE rsvps SET status = 'going', waitlist_seq = NULL, updated_at = now()
        WHERE id = $1 AND status = 'waitlisted'
       RETURNING id, event_id, user_id, guests)
     INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, note)
     SELECT id, event_id, user_id, 'waitlisted', 'going', guests, $2::text, $3::text FROM promoted`,
    [rsvp.id, source, note],
  );
}

function isCapacityViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  return (
    (e?.code ?? e?.driverError?.code) === '23514' &&
    (e?.constraint ?? e?.driverError?.constraint) === 'CHK_rsvps_capacity'
  );
}
