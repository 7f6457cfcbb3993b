import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GroupContext, GroupEntity, MembershipEntity, decideGroupAccess } from '@app/community';
import { DomainError, notFound } from '@app/core';
import { EventView, ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventEntity } from './event.entity';

export interface EventContext {
  event: EventEntity;
  group: GroupContext;
  view: EventView;
  myRsvp: ViewerRsvpStatus;
}

/** Loads an event with everything needed to decide what the caller may see of it. */
@Injectable()
export class EventContextService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async load(
    eventId: string,
    userId: string | null,
    tx: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EventContext | null> {
    // One round trip: the event with its group and the caller's membership. A lock takes the event row only.
    const qb = tx
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .innerJoin(GroupEntity, 'g', 'g.id = e.group_id')
      .addSelect('g')
      .where('e.id = :eventId', { eventId });
    if (userId) {
      qb.leftJoin(MembershipEntity, 'm', 'm.group_id = e.group_id AND m.user_id = :userId', { userId });
      qb.addSelect('m');
    }
    if (lock) qb.setLock('pessimistic_write', undefined, ['e']);
    // Unlocked, the caller's RSVP comes along too. Locked, it is read after the lock is granted (below):
    // a subquery in the locking statement would see the RSVPs as they were before any wait for the lock.
    const inline = userId !== null && !lock;
    if (inline) {
      qb.addSelect(
        '(SELECT r.status FROM rsvps r WHERE r.event_id = e.id AND r.user_id = :userId)',
        'my_rsvp',
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
    const event = entities[0];
    if (!event) return null;
    const groupEntity = fromRaw(tx, GroupEntity, raw[0], 'g');
    const membership = userId && raw[0].m_id != null ? fromRaw(tx, MembershipEntity, raw[0], 'm') : null;
    // What GroupAccessService.load gives, from the same row.
    const group: GroupContext = {
      group: groupEntity,
      membership,
      access: decideGroupAccess(groupEntity.visibility, membership),
    };
    let myRsvp: ViewerRsvpStatus = inline ? ((raw[0].my_rsvp as ViewerRsvpStatus | undefined) ?? null) : null;
    if (userId && !inline) {
      const rows = await tx.query<Array<{ status: ViewerRsvpStatus }>>(
        `SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`,
        [eventId, userId],
      );
      myRsvp = rows[0]?.status ?? null;
    }
    return { event, group, myRsvp, view: decideEventView(event, group.access, myRsvp) };
  }

  /** 404 unless the caller may see the event; with `organizer`, 403 unless they organise its group. */
  async require(
    eventId: string,
    userId: string | null,
    need: 'view' | 'organizer' = 'view',
    tx: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EventContext> {
    const context = await this.load(eventId, userId, tx, lock);
    if (!context || !context.view.canSee) throw notFound('Event');
    if (need === 'organizer' && !context.view.isOrganizer) {
      throw new DomainError(
        userId ? 'FORBIDDEN' : 'UNAUTHENTICATED',
        'Only organizers of this group can do this',
      );
    }
    return context;
  }
}

/** An entity joined under `alias` (its columns selected as alias_column), converted as TypeORM loads it. */
function fromRaw<T extends object>(
  tx: EntityManager,
  target: new () => T,
  row: Record<string, unknown>,
  alias: string,
): T {
  const entity = tx.create(target);
  for (const column of tx.connection.getMetadata(target).columns) {
    const key = `${alias}_${column.databaseName}`;
    if (!(key in row)) throw new Error(`${key} was not selected`);
    column.setEntityValue(entity, tx.connection.driver.prepareHydratedValue(row[key], column));
  }
  return entity;
}
