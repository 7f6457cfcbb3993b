import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  FeedEntry,
  PersonalFeedEntry,
  buildFeedIcs,
  partstatForRsvp,
  publicFeedVevent,
  replyAddress,
} from '@app/calendar';
import { decideGroupAccess } from '@app/community';
import { Env, notFound } from '@app/core';
import { UsersService } from '@app/identity';
import { decideEventView } from '../access/event-visibility';
import { EventContextService } from '../events/event-context.service';
import { EventEntity } from '../events/event.entity';
import { ViewVersions } from '../public/view-versions.service';
import { calendarEventData } from './calendar-data';
import { FeedListing, FeedRow, FeedScope, FeedsRepository, PAST_DAYS } from './feeds.repository';
import { feedToken, feedTokenMatches, feedTokenUserId } from './feed-token';
import { FeedBuild, PublicFeedBuilds, assembleFeed } from './public-feed-builds';

export interface Feed<Body extends string | Buffer = string> {
  /** Cheap to compute: lets an unchanged feed be answered 304 without building it. */
  etag: string;
  /**
   * For a feed that is the same for everyone (group, series): what its bytes are a function of
   * (the scope, its version, the day its window starts), so they may be kept and shared. Null for
   * a feed that depends on who asks.
   */
  cacheKey: string | null;
  build(): Body | Promise<Body>;
}

/** The fields a calendar entry reads, from a raw row (bench/feed-build times this step). */
export function fromRow(r: FeedRow): EventEntity {
  return Object.assign(new EventEntity(), {
    id: r.id,
    topicId: r.topic_id,
    title: r.title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    timezone: r.timezone,
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    joinUrl: r.join_url,
    status: r.status,
    calendarUid: r.calendar_uid,
    sequence: r.sequence,
    updatedAt: r.updated_at,
    locationVisibility: r.location_visibility,
  });
}

const REFRESH_MINUTES = 60;

/**
 * Calendar downloads and subscribable feeds. Feed URLs are fetched by calendar apps without
 * cookies, so group and series feeds carry only public information (private groups have none), and
 * the personal feed is authorised by its secret token alone. The feeds are a shared read model
 * (README "Data ownership"): groups, memberships and the reader's RSVPs are read in the feed's query.
 */
@Injectable()
export class FeedsService {
  constructor(
    @Inject(FeedsRepository) private readonly repository: FeedsRepository,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(Env) private readonly env: Env,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(ViewVersions) private readonly versions: ViewVersions,
    @Inject(PublicFeedBuilds) private readonly builds: PublicFeedBuilds,
  ) {}

  /** One event, as the caller may see it ("add to calendar"). */
  async eventIcs(eventId: string, userId: string | null): Promise<Feed> {
    const { event, view } = await this.contexts.require(eventId, userId);
    const entry = this.entry(event, view.canSeeLocation);
    return {
      etag: etagOf([event.id, event.sequence, event.updatedAt.toISOString(), view.canSeeLocation]),
      cacheKey: null,
      build: () => buildFeedIcs({ kind: 'group', name: event.title, events: [entry] }),
    };
  }

  async groupFeed(slug: string): Promise<Feed<Buffer>> {
    const group = await this.versions.group(slug);
    if (!group || group.visibility === 'private') throw notFound('Group');
    return this.publicFeed(`${group.name}`, { column: 'group_id', id: group.id }, group.version);
  }

  async seriesFeed(seriesId: string): Promise<Feed<Buffer>> {
    const series = await this.repository.seriesVisibility(seriesId);
    if (!series || series.visibility === 'private') throw notFound('Series');
    return this.publicFeed(series.title, { column: 'series_id', id: seriesId }, series.version);
  }

  /** My going / maybe / waitlisted / pending events with my PARTSTAT; declined ones are left out. */
  async personalFeed(token: string): Promise<Feed> {
    const userId = feedTokenUserId(token.toLowerCase());
    const user = userId ? await this.users.feedOwner(userId) : null;
    if (
      !user ||
      !feedTokenMatches(token.toLowerCase(), user.id, user.feedTokenVersion, this.env.signingSecret)
    ) {
      throw notFound('Feed');
    }
    const rows = await this.repository.personalRows(user.id);
    const events = await this.repository.eventsByIds(rows.map((r) => r.event_id));
    const byId = new Map(events.map((e) => [e.id, e]));
    const etag = etagOf([
      user.id,
      user.feedTokenVersion,
      ...rows.map((r) => [
        r.event_id,
        r.status,
        r.rsvp_updated.toISOString(),
        byId.get(r.event_id)?.updatedAt.toISOString(),
      ]),
    ]);
    return {
      etag,
      cacheKey: null,
      build: () => {
        const entries: PersonalFeedEntry[] = [];
        for (const row of rows) {
          const event = byId.get(row.event_id);
          if (!event || row.membership_status === 'banned') continue;
          const access = decideGroupAccess(
            row.visibility,
            row.role && row.membership_status ? { role: row.role, status: row.membership_status } : null,
          );
          const view = decideEventView(event, access, row.status, row.invited);
          if (!view.canSee) continue;
          entries.push({
            ...this.entry(event, view.canSeeLocation),
            organizer: {
              name: row.group_name,
              email: row.invitation_id
                ? replyAddress(row.invitation_id, this.env.signingSecret, this.env.INBOUND_DOMAIN)
                : `no-reply@${this.env.INBOUND_DOMAIN}`,
            },
            attendee: { name: user.displayName, email: user.email, partstat: partstatForRsvp(row.status) },
          });
        }
        return buildFeedIcs({
          kind: 'personal',
          name: 'My Hearth events',
          locale: user.locale,
          refreshMinutes: REFRESH_MINUTES,
          events: entries,
        });
      },
    };
  }

  async personalFeedUrl(userId: string, rotate: boolean): Promise<string> {
    const version = await this.users.feedTokenVersion(userId, rotate);
    return `${this.env.publicBaseUrl}/api/feeds/me/${feedToken(userId, version, this.env.signingSecret)}.ics`;
  }

  /**
   * A hot read path. The ETag is the scope's version (groups.version / series.version, moved by
   * trigger in the transaction of any change to what the feed shows, read with the group or series
   * itself) and the day the window of past events starts: an unchanged feed is answered 304
   * without reading any event. A changed one is built from the last build of the same feed
   * (PublicFeedBuilds): the events it lists and their revisions are read, and only the VEVENTs of
   * rows whose revision moved are read and written; the others are copied from the last body.
   */
  private publicFeed(name: string, scope: FeedScope, version: string): Feed<Buffer> {
    const endedAfter = windowStart(new Date());
    const key = [scope.column, scope.id, version, endedAfter.toISOString()];
    return {
      etag: etagOf(key),
      cacheKey: `feed:${key.join(':')}`,
      build: async () => {
        const builds = `${scope.column}:${scope.id}`;
        const previous = this.builds.get(builds);
        const { listing, rows } = await this.changedRows(scope, endedAfter, previous);
        const written = new Map(
          rows
            .filter((r) => previous?.vevents.get(r.id)?.revision !== r.revision)
            .map((r) => [r.id, publicFeedVevent(this.entry(fromRow(r), r.location_visibility === 'public'))]),
        );
        const build = assembleFeed({ name, refreshMinutes: REFRESH_MINUTES }, listing, previous, written);
        this.builds.keep(builds, build);
        return build.body;
      },
    };
  }

  /**
   * The feed's events in order, and the rows of those whose revision is not the one `previous`
   * was written from. Two statements when there is a previous build (the listing, then the changed
   * rows); when a row changed in between, or there is none, or most changed, all rows in one.
   */
  private async changedRows(
    scope: FeedScope,
    endedAfter: Date,
    previous: FeedBuild | undefined,
  ): Promise<{ listing: readonly FeedListing[]; rows: FeedRow[] }> {
    if (previous) {
      const listing = await this.repository.publicFeedListing(scope, endedAfter);
      const changed = listing.filter((e) => previous.vevents.get(e.id)?.revision !== e.revision);
      if (changed.length === 0) return { listing, rows: [] };
      if (changed.length * 2 < listing.length) {
        const rows = await this.repository.publicFeedRowsByIds(
          scope,
          endedAfter,
          changed.map((e) => e.id),
        );
        // The feed must be one snapshot's: a row that moved on (or left) since the listing was
        // read sends the whole feed to one statement.
        const listed = new Map(changed.map((e) => [e.id, e.revision]));
        if (rows.length === changed.length && rows.every((r) => listed.get(r.id) === r.revision)) {
          return { listing, rows };
        }
      }
    }
    const rows = await this.repository.publicFeedRows(scope, endedAfter);
    return { listing: rows, rows };
  }

  private entry(event: EventEntity, canSeeLocation: boolean): FeedEntry {
    return {
      uid: event.calendarUid,
      sequence: event.sequence,
      dtstamp: event.updatedAt,
      event: calendarEventData(event, canSeeLocation, this.env.publicBaseUrl),
    };
  }
}

function etagOf(parts: unknown[]): string {
  return `"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)}"`;
}

/** Public feeds list events that ended after the start of the UTC day PAST_DAYS ago: one window a day. */
function windowStart(now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day - PAST_DAYS * 86_400_000);
}
