import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { GroupContext, GroupEntity, MembershipEntity, decideGroupAccess } from '@app/community';
import { DomainError, notFound } from '@app/core';
import { EventView, ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventContextRepository } from './event-context.repository';
import { EventEntity } from './event.entity';

export interface EventContext {
  event: EventEntity;
  group: GroupContext;
  view: EventView;
  myRsvp: ViewerRsvpStatus;
  /** The caller holds an invitation to the event that was not withdrawn (a guest may see it by that). */
  invited: boolean;
}

/** An event locked for a change, with its group and the caller's membership; the caller reads its own RSVP. */
export interface LockedEvent {
  event: EventEntity;
  group: GroupContext;
  invited: boolean;
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventContextRepository) private readonly repository: EventContextRepository,
  ) {}

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
        myRsvp = await this.repository.rsvpStatus(tx, eventId, userId);
      }
      return withView(locked, myRsvp);
    }
    const rows = await this.repository.read(tx, eventId, userId);
    if (!rows[0]) return null;
    const loaded = this.fromRow(tx, rows[0], userId);
    return withView(loaded, userId ? ((rows[0].my_rsvp as ViewerRsvpStatus | null) ?? null) : null);
  }

  /** The caller's RSVP status on each of a page of events (those they answered). */
  viewerStatuses(
    userId: string,
    eventIds: string[],
  ): Promise<Array<{ event_id: string; status: ViewerRsvpStatus }>> {
    return this.repository.viewerStatuses(userId, eventIds);
  }

  /**
   * Takes the event row lock that serialises every seat decision for the event, and returns the event
   * with its group and the caller's membership. No visibility decision yet: that needs the caller's
   * RSVP, which the caller locks next (see withView).
   */
  async lock(eventId: string, userId: string | null, tx: EntityManager): Promise<LockedEvent | null> {
    const rows = await this.repository.lock(tx, eventId, userId);
    return rows[0] ? this.fromRow(tx, rows[0], userId) : null;
  }

  /**
   * A locked event as another lib's locking statement returned it (RsvpRepository.lockForAnswer,
   * which locks the event and the caller's RSVP in one round trip): the `e`, `g`, `m` and `invited`
   * columns of the lock statement above, converted the same way.
   */
  lockedFromRow(tx: EntityManager, row: Row, userId: string | null): LockedEvent {
    return this.fromRow(tx, row, userId);
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
    return { event, group, invited: userId !== null && row.invited === true };
  }
}

/** What the caller may see of a locked event once their RSVP status is known. */
export function withView(locked: LockedEvent, myRsvp: ViewerRsvpStatus): EventContext {
  return {
    ...locked,
    myRsvp,
    view: decideEventView(locked.event, locked.group.access, myRsvp, locked.invited),
  };
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
