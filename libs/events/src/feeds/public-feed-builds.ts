import { Inject, Injectable } from '@nestjs/common';
import { PublicFeedVevent, publicFeedFrame } from '@app/calendar';
import { Env } from '@app/core';
import { FeedListing } from './feeds.repository';

/** Where one event's VEVENT lies in a build's body, and the revision of the row it was written from. */
export interface BuiltVevent {
  revision: string;
  start: number;
  end: number;
  tzid: string | null;
}

/** A public feed as built: its bytes, and each event's VEVENT within them, by event id. */
export interface FeedBuild {
  body: Buffer;
  vevents: Map<string, BuiltVevent>;
}

/** About what one entry of `vevents` costs beside the body (key, object, map slot), for the budget. */
const ENTRY_BYTES = 160;

const bytesOf = (build: FeedBuild): number => build.body.length + build.vevents.size * ENTRY_BYTES;

/**
 * The last build of each public feed (group or series), per process, so that a feed rebuilt after a
 * change writes only the VEVENTs of the events whose row changed (FeedsService). A VEVENT of a
 * public feed is a function of its event row alone (publicFeedVevent), and `events.revision` moves
 * with every change of the row, so a VEVENT kept under the revision it was written from is the one
 * a full build would write now.
 *
 * An LRU with a byte budget of a quarter of HTTP_CACHE_BYTES (0: nothing kept, every build is a
 * full one). A build's body is the very Buffer the response cache keeps for the feed's version, so
 * while both hold it, it costs only its index here (about 160 bytes an event).
 */
@Injectable()
export class PublicFeedBuilds {
  private readonly builds = new Map<string, FeedBuild>();
  private bytes = 0;
  private readonly budget: number;

  constructor(@Inject(Env) env: Pick<Env, 'HTTP_CACHE_BYTES'>) {
    this.budget = Math.floor(env.HTTP_CACHE_BYTES / 4);
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  /** The last build kept for `scope`, most recently used from now on. */
  get(scope: string): FeedBuild | undefined {
    const build = this.builds.get(scope);
    if (build) {
      this.builds.delete(scope);
      this.builds.set(scope, build);
    }
    return build;
  }

  /** Keeps `build` as the last of `scope` (in place of the one before), when it fits the budget. */
  keep(scope: string, build: FeedBuild): void {
    const old = this.builds.get(scope);
    if (old) {
      this.builds.delete(scope);
      this.bytes -= bytesOf(old);
    }
    const bytes = bytesOf(build);
    if (this.budget === 0 || bytes > this.budget) return;
    this.builds.set(scope, build);
    this.bytes += bytes;
    for (const [key, kept] of this.builds) {
      if (this.bytes <= this.budget) return;
      this.builds.delete(key);
      this.bytes -= bytesOf(kept);
    }
  }
}

/**
 * A public feed's bytes from its listing (its events in feed order): each event's VEVENT copied from
 * `previous` when it was written from the revision listed, else taken from `written` (just written,
 * by event id), with the header and one VTIMEZONE per zone in first-use order around them. The
 * result is byte-identical to buildFeedIcsChunks over the same rows (public-feed-builds.spec.ts).
 */
export function assembleFeed(
  feed: { name: string; refreshMinutes: number },
  listing: readonly FeedListing[],
  previous: FeedBuild | undefined,
  written: ReadonlyMap<string, PublicFeedVevent>,
): FeedBuild {
  // Each VEVENT's source: new text, or a range of the previous body.
  const parts: Array<{
    id: string;
    revision: string;
    tzid: string | null;
    text?: string;
    kept?: BuiltVevent;
  }> = [];
  const tzids = new Set<string>();
  let length = 0;
  for (const { id, revision } of listing) {
    const fresh = written.get(id);
    const kept = previous?.vevents.get(id);
    if (fresh) {
      parts.push({ id, revision, tzid: fresh.tzid, text: fresh.text });
      length += Buffer.byteLength(fresh.text);
    } else if (kept && kept.revision === revision) {
      parts.push({ id, revision, tzid: kept.tzid, kept });
      length += kept.end - kept.start;
    } else {
      throw new Error(`feed assembly: no VEVENT for ${id} at revision ${revision}`);
    }
    const tzid = parts[parts.length - 1].tzid;
    if (tzid) tzids.add(tzid);
  }
  const { head, tail } = publicFeedFrame(feed, tzids);
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(head) + length + Buffer.byteLength(tail));
  let at = body.write(head, 0);
  const vevents = new Map<string, BuiltVevent>();
  for (const { id, revision, tzid, text, kept } of parts) {
    const start = at;
    if (text !== undefined) at += body.write(text, at);
    else if (kept && previous) at += previous.body.copy(body, at, kept.start, kept.end);
    vevents.set(id, { revision, start, end: at, tzid });
  }
  at += body.write(tail, at);
  if (at !== body.length) throw new Error('feed assembly: length mismatch');
  return { body, vevents };
}
