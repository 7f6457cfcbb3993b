import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FeedEntry, PersonalFeedEntry, buildFeedIcs, partstatForRsvp, replyAddress } from '@app/calendar';
import { GroupAccessService, decideGroupAccess } from '@app/community';
import { Env, notFound } from '@app/core';
import { UsersService } from '@app/identity';
import { decideEventView } from '../access/event-visibility';
import { EventContextService } from '../events/event-context.service';
import { EventEntity } from '../events/event.entity';
import { calendarEventData } from './calendar-data';
import { FeedRow, FeedScope, FeedsRepository } from './feeds.repository';
import { feedToken, feedTokenMatches, feedTokenUserId } from './feed-token';

export interface Feed {
  /** Cheap to compute: lets an unchanged feed be answered 304 without building it. */
  etag: string;
  build(): string | Promise<string>;
}

/** The fields a calendar entry reads, from a raw row. */
function fromRow(r: FeedRow): EventEntity {
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
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(Env) private readonly env: Env,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** One event, as the caller may see it ("add to calendar"). */
  async eventIcs(eventId: string, userId: string | null): Promise<Feed> {
    const { event, view } = await this.contexts.require(eventId, userId);
    const entry = this.entry(event, view.canSeeLocation);
    return {
      etag: etagOf([event.id, event.sequence, event.updatedAt.toISOString(), view.canSeeLocation]),
      build: () => buildFeedIcs({ kind: 'group', name: event.title, events: [entry] }),
    };
  }

  async groupFeed(slug: string): Promise<Feed> {
    const context = await this.groups.load(slug, null);
    if (!context || context.group.visibility === 'private') throw notFound('Group');
    const { group } = context;
    return this.publicFeed(`${group.name}`, { column: 'group_id', id: group.id });
  }

  async seriesFeed(seriesId: string): Promise<Feed> {
    const series = await this.repository.seriesVisibility(seriesId);
    if (!series || series.visibility === 'private') throw notFound('Series');
    return this.publicFeed(series.title, { column: 'series_id', id: seriesId });
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
   * A hot read path: the ETag comes from one aggregate query, so an unchanged feed is answered 304
   * without reading its events; a changed one reads only the columns the calendar needs, without
   * entity hydration.
   */
  private async publicFeed(name: string, scope: FeedScope): Promise<Feed> {
    const version = await this.repository.publicFeedVersion(scope);
    const etag = etagOf([name, version.n, version.changed?.toISOString() ?? null, version.sequences]);
    return {
      etag,
      build: async () => {
        const rows = await this.repository.publicFeedRows(scope);
        return buildFeedIcs({
          kind: 'group',
          name,
          refreshMinutes: REFRESH_MINUTES,
          events: rows.map((r) => this.entry(fromRow(r), r.location_visibility === 'public')),
        });
      },
    };
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
