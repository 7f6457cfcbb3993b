import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { RsvpStatus, queryRows } from '@app/core';
import { EventEntity } from '../events/event.entity';

/**
 * What announcement mails need of events: the events themselves, each recipient's RSVP status
 * (rsvps: the shared read model "announced events", README "Data ownership") and whether they were
 * invited (they hear of it by the invitation instead), one statement each per batch of recipients.
 */
@Injectable()
export class AnnouncedEventsRepository {
  constructor(@InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>) {}

  events(tx: EntityManager, eventIds: string[]): Promise<EventEntity[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return tx.withRepository(this.eventRepository).findBy({ id: In(eventIds) });
  }

  rsvpStatuses(
    tx: EntityManager,
    eventIds: string[],
    userIds: string[],
  ): Promise<Array<{ eventId: string; userId: string; status: RsvpStatus }>> {
    if (eventIds.length === 0 || userIds.length === 0) return Promise.resolve([]);
    return queryRows(
      tx,
      `SELECT event_id AS "eventId", user_id AS "userId", status FROM rsvps
        WHERE event_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])`,
      [eventIds, userIds],
    );
  }

  /** Which of these people hold an invitation (not revoked) to which of these events. */
  invited(
    tx: EntityManager,
    eventIds: string[],
    userIds: string[],
  ): Promise<Array<{ eventId: string; userId: string }>> {
    if (eventIds.length === 0 || userIds.length === 0) return Promise.resolve([]);
    return queryRows(
      tx,
      `SELECT event_id AS "eventId", user_id AS "userId" FROM invitations
        WHERE event_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[]) AND revoked_at IS NULL`,
      [eventIds, userIds],
    );
  }
}
