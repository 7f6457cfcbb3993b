import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, queryRows } from '@app/core';
import type { ViewerRsvpStatus } from '../access/event-visibility';

type Row = Record<string, unknown>;

/**
 * The event context read model (README "Data ownership"): an event with its group, the caller's
 * membership and RSVP status, one statement per read.
 */
@Injectable()
export class EventContextRepository {
  private statements: { read: string; anonymous: string; lock: string } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The event, its group and (with a caller) their membership and RSVP status, as JSON rows. */
  read(tx: EntityManager, eventId: string, userId: string | null): Promise<Row[]> {
    const sql = this.sql();
    const text = userId ? sql.read : sql.anonymous;
    const params = userId ? [eventId, userId] : [eventId];
    // Outside a transaction (an event page, GET /api/events/:id): a named prepared statement on the pool.
    if (!tx.queryRunner) return preparedQuery<Row>(this.dataSource, text, params);
    return queryRows<Row>(tx, text, params);
  }

  /**
   * Locks the event row and returns it with its group and the caller's membership. FOR NO KEY UPDATE:
   * RSVPs and edits still queue on it one at a time, but the foreign-key checks of rows that point at
   * the event (a fan-out batch inserting invitations and outbox messages takes KEY SHARE on it) do not
   * wait for them — with FOR UPDATE a batch holding a person's invitation row and an RSVP holding the
   * event row, each waiting for the other, deadlocked.
   */
  lock(tx: EntityManager, eventId: string, userId: string | null): Promise<Row[]> {
    return queryRows<Row>(tx, this.sql().lock, [eventId, userId]);
  }

  /** The caller's RSVP status on one event. */
  async rsvpStatus(tx: EntityManager, eventId: string, userId: string): Promise<ViewerRsvpStatus> {
    const rows = await queryRows<{ status: ViewerRsvpStatus }>(
      tx,
      `SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, userId],
    );
    return rows[0]?.status ?? null;
  }

  /** The caller's RSVP status on each of a page of events (those they answered). */
  viewerStatuses(
    userId: string,
    eventIds: string[],
  ): Promise<Array<{ event_id: string; status: ViewerRsvpStatus }>> {
    return queryRows(
      this.dataSource,
      `SELECT event_id, status FROM rsvps WHERE user_id = $1 AND event_id = ANY($2::uuid[])`,
      [userId, eventIds],
    );
  }

  private sql(): { read: string; anonymous: string; lock: string } {
    // Each table's row as one JSON value: a third of the fields to describe and convert than one
    // column per field, on the server and here.
    const from = `FROM events e JOIN groups g ON g.id = e.group_id`;
    const member = `LEFT JOIN memberships m ON m.group_id = e.group_id AND m.user_id = $2::uuid`;
    const invited = `EXISTS (SELECT 1 FROM invitations i WHERE i.event_id = e.id AND i.user_id = $2::uuid
                                AND i.revoked_at IS NULL) AS invited`;
    this.statements ??= {
      read: `SELECT row_to_json(e) AS e, row_to_json(g) AS g, row_to_json(m) AS m, ${invited},
                    (SELECT r.status FROM rsvps r WHERE r.event_id = e.id AND r.user_id = $2) AS my_rsvp
               ${from} ${member} WHERE e.id = $1`,
      anonymous: `SELECT row_to_json(e) AS e, row_to_json(g) AS g ${from} WHERE e.id = $1`,
      // $2 may be null (no caller): the membership join then finds nothing.
      lock: `SELECT row_to_json(e) AS e, row_to_json(g) AS g, row_to_json(m) AS m, ${invited}
               ${from} ${member} WHERE e.id = $1 FOR NO KEY UPDATE OF e`,
    };
    return this.statements;
  }
}
