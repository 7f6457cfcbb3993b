import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessService, GroupContext } from '@app/community';
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
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
  ) {}

  async load(
    eventId: string,
    userId: string | null,
    tx: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<EventContext | null> {
    const qb = tx.getRepository(EventEntity).createQueryBuilder('e').where('e.id = :eventId', { eventId });
    if (lock) qb.setLock('pessimistic_write');
    const event = await qb.getOne();
    if (!event) return null;
    const slug = await tx.query<Array<{ slug: string }>>(`SELECT slug FROM groups WHERE id = $1`, [
      event.groupId,
    ]);
    const group = await this.groups.load(slug[0].slug, userId, tx);
    if (!group) return null;
    let myRsvp: ViewerRsvpStatus = null;
    if (userId) {
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
