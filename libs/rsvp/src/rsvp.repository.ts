import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { FreshReads, isUuid, preparedStatement, queryRows } from '@app/core';
import { EventEntity } from '@app/events';
import { RsvpEntity, RsvpMode, RsvpSource, RsvpStatus } from './rsvp.entity';
import { capacityFor } from './rsvp-rules';
import { RsvpWrite, rsvpFromJson, rsvpFromRow, writeError, writeParams } from './rsvp-rows';
import { LOCK_FOR_ANSWER, READ_FOR_ANSWERS, WRITE_RSVP, WRITE_RSVP_AND_NOTIFY } from './rsvp.statements';

/** Pairs read in one statement at most (a batch's other callers wait for the next one). */
const READ_BATCH = 200;

/** Where the seats taken must still be for an answer decided on a read to hold (null: not asked). */
export interface TakenRange {
  key: 'all' | 'in_person' | 'online';
  min: number | null;
  max: number | null;
}

/** What LOCK_FOR_ANSWER returns: the event context columns, the caller's RSVP and the seat counts. */
export interface LockedAnswer {
  /** The event, group, membership and invited columns, for EventContextService.lockedFromRow. */
  context: Record<string, unknown>;
  rsvp: RsvpEntity | null;
  /** Seats held by people going: all of them, and per mode (null: the event has no capacity). */
  taken: { all: number; in_person: number; online: number } | null;
  /** Somebody is on the waitlist (only asked when the caller is going: false otherwise). */
  waiting: boolean;
}

/**
 * Every statement on the rsvps and rsvp_history tables the RSVP write path runs, each a named method
 * with its SQL, in the caller's transaction — but for the guarded writes of answers decided on a read,
 * which run on their own (GuardedWritesRepository). Other libs ask RsvpService, AttendeesService or
 * WaitlistService, never these tables.
 */
@Injectable()
export class RsvpRepository {
  /**
   * The reads answers are first decided on, coalesced (FreshReads): one statement, sent after every
   * answer it serves arrived, reads all the (event, person) pairs that came in meanwhile — each sees
   * every commit acknowledged before its answer arrived, as one read per answer did, at one round trip
   * (and one statement for PostgreSQL to run) per batch instead of per answer.
   */
  private readonly answerReads = new FreshReads<string, Record<string, unknown> | null>(
    (keys) => this.readAnswers(keys),
    null,
    READ_BATCH,
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seatsLeft(tx: EntityManager, event: EventEntity, mode: RsvpMode): Promise<number | null> {
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

  /** LOCK_FOR_ANSWER; null when there is no such event. */
  async lockForAnswer(
    tx: EntityManager,
    eventId: string,
    userId: string,
    lockEvent: boolean,
  ): Promise<LockedAnswer | null> {
    const [row] = await prepared<Record<string, unknown>>(tx, 'rsvp_lock_for_answer', LOCK_FOR_ANSWER, [
      eventId,
      userId,
      lockEvent,
    ]);
    return row ? this.toLocked(tx, row) : null;
  }

  /**
   * READ_FOR_ANSWER, outside any transaction, read with the other answers arriving meanwhile (one
   * statement for them all); null when there is no such event.
   */
  async readForAnswer(eventId: string, userId: string): Promise<(LockedAnswer & { state: string }) | null> {
    // A malformed id names no event, and must not fail the statement the batch's other answers share.
    if (!isUuid(eventId) || !isUuid(userId)) return null;
    const row = await this.answerReads.get(`${eventId.toLowerCase()} ${userId.toLowerCase()}`);
    return row ? { ...this.toLocked(this.dataSource.manager, row), state: row.state as string } : null;
  }

  /** READ_FOR_ANSWERS for FreshReads: keys are "event person", as readForAnswer makes them. */
  private async readAnswers(keys: string[]): Promise<Map<string, Record<string, unknown>>> {
    const pairs = keys.map((key) => key.split(' '));
    // Not run again when its backend is lost: the answers waiting on it are POSTs, which answer 503
    // and are not run twice (test/database-outage), as when each read was their own.
    const rows = await preparedStatement<Record<string, unknown>>(
      this.dataSource,
      'rsvp_read_for_answers',
      READ_FOR_ANSWERS,
      [pairs.map(([event]) => event), pairs.map(([, user]) => user)],
    );
    return new Map(
      rows.map(({ key_event_id, key_user_id, ...row }) => [
        `${key_event_id as string} ${key_user_id as string}`,
        row,
      ]),
    );
  }

  private toLocked(tx: EntityManager, row: Record<string, unknown>): LockedAnswer {
    const counted = row.taken_all !== null;
    return {
      context: row,
      rsvp: row.r ? rsvpFromJson(tx, row.r as Record<string, unknown>) : null,
      taken: counted
        ? {
            all: row.taken_all as number,
            in_person: row.taken_in_person as number,
            online: row.taken_online as number,
          }
        : null,
      waiting: row.waiting === true,
    };
  }

  async lockRsvp(tx: EntityManager, eventId: string, userId: string): Promise<RsvpEntity | null> {
    const [row] = await queryRows<Record<string, unknown>>(
      tx,
      `SELECT * FROM rsvps WHERE event_id = $1 AND user_id = $2 FOR UPDATE`,
      [eventId, userId],
    );
    return row ? rsvpFromRow(tx, row) : null;
  }

  /** The mode of this person's RSVP to the event, or undefined when they have none. */
  async answeredMode(
    tx: EntityManager,
    eventId: string,
    userId: string,
  ): Promise<RsvpMode | null | undefined> {
    const [row] = await queryRows<{ mode: RsvpMode | null }>(
      tx,
      `SELECT mode FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, userId],
    );
    return row ? row.mode : undefined;
  }

  /** The head of the waitlist (for one mode of a hybrid event), locked; null when nobody waits. */
  async lockWaitlistHead(
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
    return row ? rsvpFromRow(tx, row) : null;
  }

  /**
   * Inserts or updates the one RSVP of a person for an event and records the change in its history, in
   * one statement; the capacity trigger may refuse it.
   */
  async writeRsvp(tx: EntityManager, w: RsvpWrite): Promise<RsvpEntity> {
    return (await this.write(tx, WRITE_RSVP, writeParams(w))).rsvp;
  }

  /**
   * writeRsvp and the notice it causes (InvitationsService.noticeParams' values), in one statement;
   * whether a notice was queued (not for a revoked invitation, a banned member or an opt-out).
   */
  writeRsvpAndNotify(
    tx: EntityManager,
    w: RsvpWrite,
    notice: unknown[],
  ): Promise<{ rsvp: RsvpEntity; noticeQueued: boolean }> {
    return this.write(tx, WRITE_RSVP_AND_NOTIFY, [...writeParams(w), ...notice]);
  }

  private async write(
    tx: EntityManager,
    sql: string,
    params: unknown[],
  ): Promise<{ rsvp: RsvpEntity; noticeQueued: boolean }> {
    try {
      const name = sql === WRITE_RSVP ? 'rsvp_write' : 'rsvp_write_and_notify';
      const [row] = await prepared<Record<string, unknown>>(tx, name, sql, params);
      return { rsvp: rsvpFromRow(tx, row), noticeQueued: Number(row.notices_queued ?? 0) > 0 };
    } catch (error) {
      throw writeError(error);
    }
  }

  /** Switches the database capacity guard off for this transaction (negative-control test only). */
  async capacityGuardOff(tx: EntityManager): Promise<void> {
    await tx.query(`SET LOCAL hearth.capacity_guard = 'off'`);
  }

  async markCheckedIn(tx: EntityManager, rsvpId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE rsvps SET checked_in_at = $2, updated_at = now() WHERE id = $1`, [rsvpId, at]);
  }

  /** A waitlisted RSVP takes a freed seat; the history records it, in the same statement. */
  async markPromoted(tx: EntityManager, rsvp: RsvpEntity, source: RsvpSource, note: string): Promise<void> {
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

  /** The events this person has answered (any status), in event id order. */
  async answeredEventIds(tx: EntityManager, userId: string): Promise<string[]> {
    const rows = await queryRows<{ event_id: string }>(
      tx,
      `SELECT event_id FROM rsvps WHERE user_id = $1 ORDER BY event_id`,
      [userId],
    );
    return rows.map((r) => r.event_id);
  }

  /** Deletes the person's RSVP; the status it had (null: there was none). */
  async delete(tx: EntityManager, eventId: string, userId: string): Promise<RsvpStatus | null> {
    const [row] = await queryRows<{ status: RsvpStatus }>(
      tx,
      `DELETE FROM rsvps WHERE event_id = $1 AND user_id = $2 RETURNING status`,
      [eventId, userId],
    );
    return row?.status ?? null;
  }
}

/**
 * The answer path's statements as named prepared statements on the transaction's own connection:
 * PostgreSQL parses and plans each once per connection rather than on every answer (the write is a
 * statement of five CTEs). Each name stands for one text. Outside a transaction (no connection of
 * its own to name a statement on), an ordinary query.
 */
async function prepared<T>(tx: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) return queryRows<T>(tx, text, values);
  // TypeORM's query() cannot name a statement; its runner's connection is a pg client.
  const client = (await runner.connect()) as PoolClient;
  return (await client.query<T & QueryResultRow>({ name, text, values })).rows;
}
