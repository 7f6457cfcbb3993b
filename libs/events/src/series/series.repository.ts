import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { EventEntity } from '../events/event.entity';

/** A series' occurrences. */
@Injectable()
export class SeriesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>,
  ) {}

  /** Ids of a series' occurrences, by start time. */
  eventIds(seriesId: string): Promise<Array<{ id: string }>> {
    return this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM events WHERE series_id = $1 ORDER BY starts_at, id`,
      [seriesId],
    );
  }

  /** The occurrences starting at or after `from` that are not cancelled, by start time. */
  following(tx: EntityManager, seriesId: string, from: Date): Promise<EventEntity[]> {
    return tx
      .withRepository(this.eventRepository)
      .createQueryBuilder('e')
      .where(`e.series_id = :s AND e.starts_at >= :from AND e.status <> 'cancelled'`, { s: seriesId, from })
      .orderBy('e.starts_at', 'ASC')
      .getMany();
  }
}
