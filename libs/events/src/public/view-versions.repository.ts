import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';

/**
 * The versions cached views key on (migration AddCacheVersions), each one primary-key read, and the
 * going counts cached views show: a shared read model (README "Data ownership") of groups.version
 * and rsvps.
 */
@Injectable()
export class ViewVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The instance-wide public listing's version. */
  async publicListing(): Promise<string> {
    const [row] = await queryRows<{ version: string }>(
      this.dataSource,
      `SELECT version FROM cache_versions WHERE name = 'public-listing'`,
      [],
    );
    return row?.version ?? '0';
  }

  /** The version of the group an event belongs to (it covers the event), or null for no such event. */
  async eventGroup(eventId: string): Promise<string | null> {
    const [row] = await queryRows<{ version: string }>(
      this.dataSource,
      `SELECT g.version FROM events e JOIN groups g ON g.id = e.group_id WHERE e.id = $1`,
      [eventId],
    );
    return row?.version ?? null;
  }

  /** Going counts (seats: people and their guests) of these events; an event nobody is going to is absent. */
  async goingCounts(eventIds: string[]): Promise<Array<{ event_id: string; going: number }>> {
    return queryRows<{ event_id: string; going: number }>(
      this.dataSource,
      `SELECT event_id, sum(1 + guests)::int AS going FROM rsvps
        WHERE event_id = ANY($1::uuid[]) AND status = 'going' GROUP BY event_id`,
      [eventIds],
    );
  }
}
