import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@app/core';

/** A group as its public feed needs it: the version covers the rest (migration AddCacheVersions). */
export interface GroupHead {
  id: string;
  name: string;
  visibility: string;
  version: string;
}

/**
 * The versions cached views key on (migration AddCacheVersions) and the going counts cached views
 * show, each read for a batch of keys in one prepared statement (ViewVersions coalesces the
 * requests): a shared read model (README "Data ownership") of cache_versions, groups.version and rsvps.
 */
@Injectable()
export class ViewVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Versions by name (cache_versions). */
  async named(names: string[]): Promise<Map<string, string>> {
    const rows = await preparedQuery<{ name: string; version: string }>(
      this.dataSource,
      `SELECT name, version::text AS version FROM cache_versions WHERE name = ANY($1::text[])`,
      [names],
    );
    return new Map(rows.map((r) => [r.name, r.version]));
  }

  /** The version of the group each event belongs to (it covers the event); no row for no such event. */
  async eventGroups(eventIds: string[]): Promise<Map<string, string>> {
    const rows = await preparedQuery<{ id: string; version: string }>(
      this.dataSource,
      `SELECT e.id, g.version::text AS version FROM events e JOIN groups g ON g.id = e.group_id
        WHERE e.id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** What a group's public feed is a function of, by slug (lower case); no row for no such group. */
  async groupHeads(slugs: string[]): Promise<Map<string, GroupHead>> {
    const rows = await preparedQuery<GroupHead & { slug: string }>(
      this.dataSource,
      `SELECT slug, id, name, visibility, version::text AS version FROM groups WHERE slug = ANY($1::text[])`,
      [slugs],
    );
    return new Map(rows.map(({ slug, ...head }) => [slug, head]));
  }

  /**
   * A digest of who is going to each event, as a page naming attendees shows them (their display
   * names, in the attendee list's order, and their guests); an event nobody is going to is absent.
   */
  async rosters(eventIds: string[]): Promise<Map<string, string>> {
    const rows = await preparedQuery<{ event_id: string; roster: string }>(
      this.dataSource,
      `SELECT r.event_id, md5(string_agg(r.user_id::text || ':' || r.guests || ':' || coalesce(u.display_name, ''),
                                         ',' ORDER BY u.display_name, r.user_id)) AS roster
         FROM rsvps r JOIN users u ON u.id = r.user_id
        WHERE r.event_id = ANY($1::uuid[]) AND r.status = 'going' GROUP BY r.event_id`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.roster]));
  }

  /** Going counts (seats: people and their guests) of these events; an event nobody is going to is absent. */
  async goingCounts(eventIds: string[]): Promise<Map<string, number>> {
    const rows = await preparedQuery<{ event_id: string; going: number }>(
      this.dataSource,
      `SELECT event_id, sum(1 + guests)::int AS going FROM rsvps
        WHERE event_id = ANY($1::uuid[]) AND status = 'going' GROUP BY event_id`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.going]));
  }
}
