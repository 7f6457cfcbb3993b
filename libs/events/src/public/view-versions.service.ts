import { Inject, Injectable } from '@nestjs/common';
import { FreshReads, isUuid } from '@app/core';
import { GroupHead, ViewVersionsRepository } from './view-versions.repository';

const NAMES = 'names:';
const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

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
  private readonly rosters: FreshReads<string, string>;

  constructor(@Inject(ViewVersionsRepository) repository: ViewVersionsRepository) {
    this.named = new FreshReads((names) => repository.named(names), '0');
    this.eventGroups = new FreshReads((ids) => repository.eventGroups(ids), null);
    this.going = new FreshReads((ids) => repository.goingCounts(ids), 0);
    this.groups = new FreshReads((slugs) => repository.groupHeads(slugs), null);
    this.rosters = new FreshReads((ids) => repository.rosters(ids), '');
  }

  /** Covers every public group and its events, and the counts they show: the public listings. */
  publicListing(): Promise<string> {
    return this.named.get('public-listing');
  }

  /** Covers an event, its group, and the count or names it shows; null when there is no such event. */
  event(eventId: string): Promise<string | null> {
    return isUuid(eventId) ? this.eventGroups.get(eventId.toLowerCase()) : Promise.resolve(null);
  }

  /** A group's id, name, visibility and version (which covers its events), or null for no such group. */
  group(slug: string): Promise<GroupHead | null> {
    return this.groups.get(slug.toLowerCase());
  }

  /** The digest of who is going to an event as a page naming them shows it ('' for nobody). */
  roster(eventId: string): Promise<string> {
    return isUuid(eventId) ? this.rosters.get(eventId.toLowerCase()) : Promise.resolve('');
  }

  /**
   * Whether what a cached view shows that moves with no version is still PostgreSQL's: going
   * counts (event id → count) and rosters (`names:<event id>` → digest). RSVPs move no version
   * (they would all queue on one row), so such a view is checked on every hit, its events read
   * with those of the other requests of the moment.
   */
  async shownHolds(shown: Record<string, number | string>): Promise<boolean> {
    const counts: string[] = [];
    const rosters: string[] = [];
    for (const key of Object.keys(shown)) {
      const id = (key.startsWith(NAMES) ? key.slice(NAMES.length) : key).toLowerCase();
      // Only ids that are UUIDs join a shared statement: one malformed key would fail it for everyone.
      if (!isUuid(id)) return false;
      (key.startsWith(NAMES) ? rosters : counts).push(id);
    }
    const [going, named] = await Promise.all([
      counts.length ? this.going.getAll(counts) : EMPTY,
      rosters.length ? this.rosters.getAll(rosters) : EMPTY,
    ]);
    return Object.entries(shown).every(([key, value]) =>
      key.startsWith(NAMES)
        ? (named.get(key.slice(NAMES.length).toLowerCase()) ?? '') === value
        : (going.get(key.toLowerCase()) ?? 0) === value,
    );
  }
}

/** The going counts listed events show (event id → count), for ViewVersions.shownHolds. */
export function goingCounts(
  items: ReadonlyArray<{ id: string; goingCount: number | null }>,
): Record<string, number> {
  const shown: Record<string, number> = {};
  for (const item of items) if (item.goingCount !== null) shown[item.id] = item.goingCount;
  return shown;
}
