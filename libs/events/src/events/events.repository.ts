import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, queryRows } from '@app/core';
import { EventEntity } from './event.entity';
import type { EventListFilter } from './events.service';

/** Event reads that need SQL or a QueryBuilder: a group's listing and the upcoming-events filter. */
@Injectable()
export class EventsRepository {
  constructor(@InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>) {}

  /** A group's events by start time, one more than the limit (to tell whether a next page exists). */
  listForGroup(
    groupId: string,
    includeDrafts: boolean,
    filter: EventListFilter,
    cursor: ReturnType<typeof decodeCursor> | null,
  ): Promise<EventEntity[]> {
    const qb = this.eventRepository
      .createQueryBuilder('e')
      .where('e.group_id = :groupId', { groupId })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(filter.limit + 1);
    if (!includeDrafts) qb.andWhere(`e.status <> 'draft'`);
    if (filter.from) qb.andWhere('e.ends_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.starts_at < :to', { to: filter.to });
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (cursor) {
      qb.andWhere('(e.starts_at, e.id) > (:at::timestamptz, :id::uuid)', { at: cursor.at, id: cursor.id });
    }
    return qb.getMany();
  }

  /** Of these events, the ones scheduled and not yet over, in id order. */
  async upcomingScheduled(tx: EntityManager, eventIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM events WHERE id = ANY($1::uuid[]) AND status = 'scheduled' AND ends_at > now() ORDER BY id`,
      [eventIds],
    );
    return rows.map((r) => r.id);
  }
}
