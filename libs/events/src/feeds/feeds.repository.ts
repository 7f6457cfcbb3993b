import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { preparedQuery, queryRows } from '@app/core';
import { ViewerRsvpStatus } from '../access/event-visibility';
import { EventEntity } from '../events/event.entity';

// Feeds show what is coming plus the recent past, so yesterday's meetup does not vanish at once.
export const PAST_DAYS = 30;

export interface PersonalRow {
  event_id: string;
  status: ViewerRsvpStatus;
  rsvp_updated: Date;
  group_name: string;
  visibility: 'public' | 'unlisted' | 'private';
  role: 'owner' | 'organizer' | 'moderator' | 'member' | null;
  membership_status: 'active' | 'pending' | 'banned' | null;
  invitation_id: string | null;
  invited: boolean;
}

export interface FeedRow {
  id: string;
  topic_id: string | null;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  venue_name: string | null;
  venue_address: string | null;
  join_url: string | null;
  status: EventEntity['status'];
  calendar_uid: string;
  sequence: number;
  updated_at: Date;
  location_visibility: EventEntity['locationVisibility'];
  /** events.revision: moves with every change of the row (migration AddEventRevisions). */
  revision: string;
}

/** An event of a public feed, in feed order, by what identifies its content (events.revision). */
export interface FeedListing {
  id: string;
  revision: string;
}

/** Whose events a public feed lists: a group's or a series'. */
export interface FeedScope {
  column: 'group_id' | 'series_id';
  id: string;
}

/**
 * The feeds' reads, a shared read model (README "Data ownership"): groups, memberships and the
 * reader's RSVPs are read in the feed's query.
 */
@Injectable()
export class FeedsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>,
  ) {}

  /** A series' title and version, and its group's visibility. */
  async seriesVisibility(
    seriesId: string,
  ): Promise<{ title: string; visibility: string; version: string } | undefined> {
    const [series] = await queryRows<{ title: string; visibility: string; version: string }>(
      this.dataSource,
      `SELECT s.title, s.version, g.visibility FROM series s JOIN groups g ON g.id = s.group_id WHERE s.id = $1`,
      [seriesId],
    );
    return series;
  }

  /** My RSVPs (not declined) to events not in draft and not long past, with what deciding my view needs. */
  personalRows(userId: string): Promise<PersonalRow[]> {
    return queryRows<PersonalRow>(
      this.dataSource,
      `SELECT r.event_id, r.status, r.updated_at AS rsvp_updated, g.name AS group_name, g.visibility,
              m.role, m.status AS membership_status, i.id AS invitation_id,
              (i.id IS NOT NULL AND i.revoked_at IS NULL) AS invited
         FROM rsvps r
         JOIN events e ON e.id = r.event_id
         JOIN groups g ON g.id = e.group_id
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = r.user_id
         LEFT JOIN invitations i ON i.event_id = e.id AND i.user_id = r.user_id
        WHERE r.user_id = $1 AND r.status <> 'declined' AND e.status <> 'draft'
          AND e.ends_at > now() - make_interval(days => ${PAST_DAYS})
        ORDER BY e.starts_at, e.id`,
      [userId],
    );
  }

  async eventsByIds(ids: string[]): Promise<EventEntity[]> {
    return ids.length
      ? await this.eventRepository.createQueryBuilder('e').where('e.id IN (:...ids)', { ids }).getMany()
      : [];
  }

  /** A public feed's events, only the columns the calendar needs, in feed order. */
  publicFeedRows(scope: FeedScope, endedAfter: Date): Promise<FeedRow[]> {
    return preparedQuery<FeedRow>(
      this.dataSource,
      `SELECT ${FEED_COLUMNS} FROM events e WHERE ${inPublicFeed(scope)} ORDER BY e.starts_at, e.id`,
      [scope.id, endedAfter],
    );
  }

  /** Which events a public feed lists, in feed order, with their revisions: no text read. */
  publicFeedListing(scope: FeedScope, endedAfter: Date): Promise<FeedListing[]> {
    return preparedQuery<FeedListing>(
      this.dataSource,
      `SELECT e.id, e.revision FROM events e WHERE ${inPublicFeed(scope)} ORDER BY e.starts_at, e.id`,
      [scope.id, endedAfter],
    );
  }

  /** Some of a public feed's events (those still in it), with the columns the calendar needs. */
  publicFeedRowsByIds(scope: FeedScope, endedAfter: Date, ids: string[]): Promise<FeedRow[]> {
    return preparedQuery<FeedRow>(
      this.dataSource,
      `SELECT ${FEED_COLUMNS} FROM events e WHERE e.id = ANY($3::uuid[]) AND ${inPublicFeed(scope)}`,
      [scope.id, endedAfter, ids],
    );
  }
}

const FEED_COLUMNS = `e.id, e.topic_id, e.title, e.description, e.starts_at, e.ends_at, e.timezone, e.venue_name,
  e.venue_address, e.join_url, e.status, e.calendar_uid, e.sequence, e.updated_at, e.location_visibility, e.revision`;

/** The events a public feed lists ($1: the scope's id, $2: the start of its window): never drafts. */
const inPublicFeed = (scope: FeedScope): string =>
  `e.${scope.column} = $1 AND e.status <> 'draft' AND e.ends_at > $2`;
