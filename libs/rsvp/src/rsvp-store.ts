import { EntityManager } from 'typeorm';
import { isUniqueViolation, queryRows } from '@app/core';
import { EventEntity } from '@app/events';
import { rsvpError } from './rsvp.errors';
import { RsvpEntity, RsvpMode, RsvpSource, RsvpStatus } from './rsvp.entity';
import { capacityFor } from './rsvp-rules';

/** SQL for RSVPs, all run in the caller's transaction. */

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
  return tx
    .getRepository(RsvpEntity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.event_id = :eventId AND r.user_id = :userId', { eventId, userId })
    .getOne();
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
}

/** Inserts or updates the one RSVP of a person for an event; the capacity trigger may refuse it. */
export async function writeRsvp(tx: EntityManager, w: RsvpWrite): Promise<RsvpEntity> {
  const seq = w.status !== 'waitlisted' ? null : w.keepWaitlistSeq;
  try {
    const [row] = await queryRows<Record<string, unknown>>(
      tx,
      `INSERT INTO rsvps (event_id, user_id, status, mode, guests, answers, coc_acknowledged_at, source, waitlist_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
               CASE WHEN $3 = 'waitlisted' THEN coalesce($9::bigint, nextval('rsvp_waitlist_seq')) END)
       ON CONFLICT ON CONSTRAINT "UQ_rsvps_event_id_user_id" DO UPDATE SET
         status = EXCLUDED.status, mode = EXCLUDED.mode, guests = EXCLUDED.guests, answers = EXCLUDED.answers,
         coc_acknowledged_at = EXCLUDED.coc_acknowledged_at, source = EXCLUDED.source,
         waitlist_seq = EXCLUDED.waitlist_seq, updated_at = now()
       RETURNING *`,
      [
        w.eventId,
        w.userId,
        w.status,
        w.mode,
        w.guests,
        JSON.stringify(w.answers),
        w.cocAcknowledgedAt,
        w.source,
        seq,
      ],
    );
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

export async function addHistory(
  tx: EntityManager,
  h: { rsvp: RsvpEntity; from: RsvpStatus | null; source: RsvpSource; actorId: string | null; note?: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO rsvp_history (rsvp_id, event_id, user_id, from_status, to_status, guests, source, actor_id, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      h.rsvp.id,
      h.rsvp.eventId,
      h.rsvp.userId,
      h.from,
      h.rsvp.status,
      h.rsvp.guests,
      h.source,
      h.actorId,
      h.note ?? null,
    ],
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
