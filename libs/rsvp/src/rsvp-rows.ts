import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '@app/core';
import { rsvpError } from './rsvp.errors';
import { RsvpEntity, RsvpMode, RsvpSource, RsvpStatus } from './rsvp.entity';

/*
 * An RSVP write's parameters, and its rows and failures as the write path's callers see them: shared by
 * RsvpRepository (the writes in a transaction) and GuardedWritesRepository (the guarded ones on their own).
 */

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

/** A RETURNING * row as the entity a find would load (TypeORM's own per-column conversion), without the re-read. */
export function rsvpFromRow(tx: EntityManager, row: Record<string, unknown>): RsvpEntity {
  const entity = tx.create(RsvpEntity);
  for (const column of tx.connection.getMetadata(RsvpEntity).columns) {
    column.setEntityValue(
      entity,
      tx.connection.driver.prepareHydratedValue(row[column.databaseName], column),
    );
  }
  return entity;
}

/** A row_to_json RSVP as the entity: JSON carries timestamps as ISO strings and bigints as numbers. */
export function rsvpFromJson(tx: EntityManager, json: Record<string, unknown>): RsvpEntity {
  const row: Record<string, unknown> = { ...json };
  for (const column of ['coc_acknowledged_at', 'checked_in_at', 'created_at', 'updated_at']) {
    if (typeof row[column] === 'string') row[column] = new Date(row[column]);
  }
  if (typeof row.waitlist_seq === 'number') row.waitlist_seq = String(row.waitlist_seq);
  return rsvpFromRow(tx, row);
}

/** WRITE_RSVP's parameters ($1–$12). */
export function writeParams(w: RsvpWrite): unknown[] {
  return [
    w.eventId,
    w.userId,
    w.status,
    w.mode,
    w.guests,
    JSON.stringify(w.answers),
    w.cocAcknowledgedAt,
    w.source,
    w.status !== 'waitlisted' ? null : w.keepWaitlistSeq,
    w.history.from,
    w.history.actorId,
    w.history.note ?? null,
  ];
}

/** What a failed RSVP write means to the caller: full, a concurrent change of the same RSVP, or itself. */
export function writeError(error: unknown): unknown {
  if (isCapacityViolation(error)) return rsvpError('EVENT_FULL', 'This event is full');
  if (isUniqueViolation(error))
    return rsvpError(
      'RSVP_TRANSITION_INVALID',
      'Another change to this RSVP happened at the same time; try again',
    );
  return error;
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
