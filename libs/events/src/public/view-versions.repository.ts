import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';

/**
 * The versions cached views key on (migration AddCacheVersions), each one primary-key read: a
 * shared read model (README "Data ownership") of groups.version.
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
}
