import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { GroupContext, GroupEntity, MembershipEntity, decideGroupAccess } from '@app/community';
import { DomainError, notFound, queryRows } from '@app/core';
import { EventView, ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventEntity } from './event.entity';

export interface EventContext {
  event: EventEntity;
  group: GroupContext;
  view: EventView;
  myRsvp: ViewerRsvpStatus;
}

/** An event locked for a change, with its group and the caller's membership; the caller reads its own RSVP. */
export interface LockedEvent {
  event: EventEntity;
  group: GroupContext;
}

type Row = Record<string, unknown>;

/**
 * Loads an event with everything needed to decide what the caller may see of it, in one statement:
 * the event, its group and the caller's membership (and, unlocked, the caller's RSVP status). The SQL
 * is written once from the entities' metadata and the rows converted column by column as TypeORM
 * would, without a query builder on every request. This is the event context shared read model
 * (README "Data ownership"): it reads groups, memberships and the caller's RSVP status on purpose.
 */
@Injectable()
export class EventContextService {
  private statements: { read: string; anonymous: string; lock: string } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(
    eventId: string,
    userId: string | null,
    tx: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EventContext | null> {
    if (lock) {
      const locked = await this.lock(eventId, userId, tx);
      if (!locked) return null;
      // Read after the lock is granted: a subquery in the locking statement would see the RSVPs as
      // they were before any wait for the lock.
      let myRsvp: ViewerRsvpStatus = null;
      if (userId) {
        const rows = await queryRows<{ status: ViewerRsvpStatus }>(
          tx,
          `SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`,
          [eventId, userId],
        );
        myRsvp = rows[0]?.status ?? null;
      }
      return withView(locked, myRsvp);
    }
    const sql = this.sql();
    const rows = await queryRows<Row>(
      tx,
      userId ? sql.read : sql.anonymous,
      userId ? [eventId, userId] : [eventId],
    );
    if (!rows[0]) return null;
    const loaded = this.fromRow(tx, rows[0], userId);
    return withView(loaded, userId ? ((rows[0].my_rsvp as ViewerRsvpStatus | null) ?? null) : null);
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

  /**
   * Takes the event row lock that serialises every seat decision for the event, and returns the event
   * with its group and the caller's membership. No visibility decision yet: that needs the caller's
   * RSVP, which the caller locks next (see withView).
   */
  async lock(eventId: string, userId: string | null, tx: EntityManager): Promise<LockedEvent | null> {
    const rows = await queryRows<Row>(tx, this.sql().lock, [eventId, userId]);
    return rows[0] ? this.fromRow(tx, rows[0], userId) : null;
  }

  /** 404 unless the caller may see the event; with `organizer`, 403 unless they organise its group. */
  async require(
    eventId: string,
    userId: string | null,
    need: 'view' | 'organizer' = 'view',
    tx: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EventContext> {
    return requireAccess(await this.load(eventId, userId, tx, lock), userId, need);
  }

  private fromRow(tx: EntityManager, row: Row, userId: string | null): LockedEvent {
    const event = fromJson(tx, EventEntity, row.e as Row);
    const groupEntity = fromJson(tx, GroupEntity, row.g as Row);
    const membership = userId && row.m ? fromJson(tx, MembershipEntity, row.m as Row) : null;
    // What GroupAccessService.load gives, from the same row.
    const group: GroupContext = {
      group: groupEntity,
      membership,
      access: decideGroupAccess(groupEntity.visibility, membership),
    };
    return { event, group };
  }

  private sql(): { read: string; anonymous: string; lock: string } {
    // Each table's row as one JSON value: a third of the fields to describe and convert than one
    // column per field, on the server and here.
    const from = `FROM events e JOIN groups g ON g.id = e.group_id`;
    const member = `LEFT JOIN memberships m ON m.group_id = e.group_id AND m.user_id = $2::uuid`;
    this.statements ??= {
      read: `SELECT row_to_json(e) AS e, row_to_json(g) AS g, row_to_json(m) AS m,
                    (SELECT r.status FROM rsvps r WHERE r.event_id = e.id AND r.user_id = $2) AS my_rsvp
               ${from} ${member} WHERE e.id = $1`,
      anonymous: `SELECT row_to_json(e) AS e, row_to_json(g) AS g ${from} WHERE e.id = $1`,
      // $2 may be null (no caller): the membership join then finds nothing.
      lock: `SELECT row_to_json(e) AS e, row_to_json(g) AS g, row_to_json(m) AS m
               ${from} ${member} WHERE e.id = $1 FOR UPDATE OF e`,
    };
    return this.statements;
  }
}

/** What the caller may see of a locked event once their RSVP status is known. */
export function withView(locked: LockedEvent, myRsvp: ViewerRsvpStatus): EventContext {
  return { ...locked, myRsvp, view: decideEventView(locked.event, locked.group.access, myRsvp) };
}

/** 404 unless the caller may see the event; with `organizer`, 403 unless they organise its group. */
export function requireAccess(
  context: EventContext | null,
  userId: string | null,
  need: 'view' | 'organizer' = 'view',
): EventContext {
  if (!context || !context.view.canSee) throw notFound('Event');
  if (need === 'organizer' && !context.view.isOrganizer) {
    throw new DomainError(
      userId ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      'Only organizers of this group can do this',
    );
  }
  return context;
}

/** A table row as row_to_json gives it, converted as TypeORM converts the columns it loads. */
function fromJson<T extends object>(tx: EntityManager, target: new () => T, row: Row): T {
  const entity = tx.create(target);
  for (const { column, timestamp } of jsonColumns(tx, target)) {
    if (!(column.databaseName in row)) throw new Error(`${column.databaseName} is not a column of the row`);
    const raw = row[column.databaseName];
    // JSON carries timestamps as ISO strings, where a column-per-field result carries Dates.
    const value = timestamp && typeof raw === 'string' ? new Date(raw) : raw;
    column.setEntityValue(entity, tx.connection.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

const columnsOf = new WeakMap<object, Array<{ column: ColumnMetadata; timestamp: boolean }>>();

function jsonColumns(
  tx: EntityManager,
  target: new () => object,
): Array<{ column: ColumnMetadata; timestamp: boolean }> {
  // Keyed by the data source's own metadata: tests run several data sources in one process.
  const metadata = tx.connection.getMetadata(target);
  let columns = columnsOf.get(metadata);
  if (!columns) {
    const driver = tx.connection.driver;
    columns = metadata.columns.map((column) => ({
      column,
      timestamp: driver.normalizeType(column).startsWith('timestamp'),
    }));
    columnsOf.set(metadata, columns);
  }
  return columns;
}
