import { Inject, Injectable } from '@nestjs/common';
import { ViewVersionsRepository } from './view-versions.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a cached view of events is a function of, read fresh on every request (one indexed
 * primary-key read), so a process never serves a rendering older than a commit it can see. The
 * versions move by trigger in the transaction of the change (migration AddCacheVersions).
 */
@Injectable()
export class ViewVersions {
  constructor(@Inject(ViewVersionsRepository) private readonly repository: ViewVersionsRepository) {}

  /** Covers every public group and its events, and the counts they show: the public listings. */
  publicListing(): Promise<string> {
    return this.repository.publicListing();
  }

  /** Covers an event, its group, and the count or names it shows; null when there is no such event. */
  event(eventId: string): Promise<string | null> {
    return UUID.test(eventId) ? this.repository.eventGroup(eventId) : Promise.resolve(null);
  }

  /**
   * Whether these going counts (event id → count, as a cached view shows them) are still
   * PostgreSQL's: RSVPs move no version (they would all queue on one row), so a view that shows
   * counts is checked with one statement over its events on every hit.
   */
  async countsHold(shown: Record<string, number>): Promise<boolean> {
    const ids = Object.keys(shown);
    if (ids.length === 0) return true;
    const now = new Map((await this.repository.goingCounts(ids)).map((r) => [r.event_id, r.going]));
    return ids.every((id) => (now.get(id) ?? 0) === shown[id]);
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
