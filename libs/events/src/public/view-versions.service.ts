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
}
