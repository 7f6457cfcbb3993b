import { Inject, Injectable } from '@nestjs/common';
import { FreshReads } from '@app/core';
import { GroupHead, ViewVersionsRepository } from './view-versions.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a cached view of events is a function of, read fresh for every request, so a process never
 * serves a rendering older than a commit it can see. The versions move by trigger in the
 * transaction of the change (migration AddCacheVersions). Concurrent requests share one read
 * (FreshReads): each is answered by a statement sent after it arrived, one prepared statement per
 * round trip however many requests are waiting.
 */
@Injectable()
export class ViewVersions {
  private readonly named: FreshReads<string, string>;
  private readonly eventGroups: FreshReads<string, string | null>;
  private readonly going: FreshReads<string, number>;
  private readonly groups: FreshReads<string, GroupHead | null>;

  constructor(@Inject(ViewVersionsRepository) repository: ViewVersionsRepository) {
    this.named = new FreshReads((names) => repository.named(names), '0');
    this.eventGroups = new FreshReads((ids) => repository.eventGroups(ids), null);
    this.going = new FreshReads((ids) => repository.goingCounts(ids), 0);
    this.groups = new FreshReads((slugs) => repository.groupHeads(slugs), null);
  }

  /** Covers every public group and its events, and the counts they show: the public listings. */
  publicListing(): Promise<string> {
    return this.named.get('public-listing');
  }

  /** Covers an event, its group, and the count or names it shows; null when there is no such event. */
  event(eventId: string): Promise<string | null> {
    return UUID.test(eventId) ? this.eventGroups.get(eventId.toLowerCase()) : Promise.resolve(null);
  }

  /** A group's id, name, visibility and version (which covers its events), or null for no such group. */
  group(slug: string): Promise<GroupHead | null> {
    return this.groups.get(slug.toLowerCase());
  }

  /**
   * Whether these going counts (event id → count, as a cached view shows them) are still
   * PostgreSQL's: RSVPs move no version (they would all queue on one row), so a view that shows
   * counts is checked on every hit (its events' counts, read with those of the other requests).
   */
  async countsHold(shown: Record<string, number>): Promise<boolean> {
    const ids = Object.keys(shown);
    if (ids.length === 0) return true;
    // PostgreSQL answers with ids in lower case; a page may have recorded its id as the URL spelled it.
    // Only ids that are UUIDs join the shared statement: one malformed key would fail it for everyone.
    const now = await this.going.getAll(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()));
    return ids.every((id) => (now.get(id.toLowerCase()) ?? 0) === shown[id]);
  }
}

/** The going counts listed events show (event id → count), for ViewVersions.countsHold. */
export function goingCounts(
  items: ReadonlyArray<{ id: string; goingCount: number | null }>,
): Record<string, number> {
  const shown: Record<string, number> = {};
  for (const item of items) if (item.goingCount !== null) shown[item.id] = item.goingCount;
  return shown;
}
