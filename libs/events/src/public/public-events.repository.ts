import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, preparedQuery } from '@app/core';
import type { Accessibility } from '../events/accessibility';
import { EventKind, EventStatus } from '../events/event.entity';
import { Coordinates, EARTH_RADIUS_KM, HIDDEN_VENUE_DECIMALS } from './listing-filter';
import type { PublicEventFilter } from './public-events.service';

export interface PublicEventRow {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  /** ISO 8601 in UTC, formatted by PostgreSQL (the response only prints it). */
  starts_at: string;
  ends_at: string;
  timezone: string;
  tags: string[];
  accessibility: Accessibility;
  group_slug: string;
  group_name: string;
  group_city: string | null;
  venue_name: string | null;
  venue_address: string | null;
  join_url: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  language: string;
  going_count: number | null;
  cursor_at: string;
}

/** A timestamptz as Date#toISOString() writes it (UTC, milliseconds, `Z`). */
const ISO_UTC = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What a feed of the listing needs beside the listing's columns. */
export interface PublicFeedRow extends PublicEventRow {
  topic_id: string | null;
  status: EventStatus;
  calendar_uid: string;
  sequence: number;
  updated_at: Date;
}

// An event's place for the distance filter: exact coordinates when its location is public, rounded
// to city level when hidden (README "Discovery"); never returned for a hidden venue.
const LAT = `CASE WHEN e.location_visibility = 'public' THEN e.latitude ELSE round(e.latitude::numeric, ${HIDDEN_VENUE_DECIMALS})::float8 END`;
const LNG = `CASE WHEN e.location_visibility = 'public' THEN e.longitude ELSE round(e.longitude::numeric, ${HIDDEN_VENUE_DECIMALS})::float8 END`;

const LISTING_COLUMNS = `e.id, e.kind, e.title, e.description, ${ISO_UTC('e.starts_at')} AS starts_at,
              ${ISO_UTC('e.ends_at')} AS ends_at, e.timezone, e.tags, e.accessibility,
              g.slug AS group_slug, g.name AS group_name, g.city AS group_city,
              CASE WHEN e.location_visibility = 'public' THEN e.venue_name END AS venue_name,
              CASE WHEN e.location_visibility = 'public' THEN e.venue_address END AS venue_address,
              CASE WHEN e.location_visibility = 'public' THEN e.join_url END AS join_url,
              e.city,
              CASE WHEN e.location_visibility = 'public' THEN e.latitude END AS latitude,
              CASE WHEN e.location_visibility = 'public' THEN e.longitude END AS longitude,
              e.language,
              CASE WHEN e.attendee_visibility <> 'organizers' THEN
                (SELECT coalesce(sum(1 + r.guests), 0)::int FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going')
              END AS going_count,
              to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/**
 * The public listing, a shared read model (README "Data ownership"): events of public groups with
 * their group and going count, one statement per page. The filters (kind, group, tag, dates, text
 * on the event and its group's name and city, city, language, distance) are all applied in SQL.
 */
@Injectable()
export class PublicEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page (one row more than the limit, to tell whether a next page exists). */
  page(filter: PublicEventFilter): Promise<PublicEventRow[]> {
    const { where, params } = conditions(filter, true);
    params.push(filter.limit + 1);
    // A named prepared statement per shape of filters (planned once per connection), and times as the
    // text the response prints, not parsed into Dates to be formatted back.
    return preparedQuery<PublicEventRow>(
      this.dataSource,
      `SELECT ${LISTING_COLUMNS}
         FROM events e JOIN groups g ON g.id = e.group_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.starts_at, e.id
        LIMIT $${params.length}`,
      params,
    );
  }

  /** The first `filter.limit` events of the listing with what a calendar entry needs (feeds). */
  feed(filter: PublicEventFilter): Promise<PublicFeedRow[]> {
    const { where, params } = conditions(filter, false);
    params.push(filter.limit);
    return this.dataSource.query<PublicFeedRow[]>(
      `SELECT ${LISTING_COLUMNS}, e.topic_id, e.status, e.calendar_uid, e.sequence, e.updated_at
         FROM events e JOIN groups g ON g.id = e.group_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.starts_at, e.id
        LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * A city typed as a place: the average position of the listed venues in it (case and accents
   * ignored), hidden ones at city-level precision; null when none has coordinates.
   */
  async cityCentre(city: string): Promise<Coordinates | null> {
    const [row] = await this.dataSource.query<Array<{ latitude: number | null; longitude: number | null }>>(
      `SELECT avg(${LAT}) AS latitude, avg(${LNG}) AS longitude
         FROM events e JOIN groups g ON g.id = e.group_id
        WHERE e.status = 'scheduled' AND g.visibility = 'public' AND e.latitude IS NOT NULL
          AND e.city IS NOT NULL AND hearth_fold(e.city) = hearth_fold($1)`,
      [city],
    );
    return row && row.latitude !== null && row.longitude !== null
      ? { latitude: Number(row.latitude), longitude: Number(row.longitude) }
      : null;
  }
}

function conditions(filter: PublicEventFilter, paged: boolean): { where: string[]; params: unknown[] } {
  const params: unknown[] = [filter.from ?? new Date()];
  const where = [`e.status = 'scheduled'`, `g.visibility = 'public'`, `e.ends_at >= $1`];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filter.to) add((n) => `e.starts_at < $${n}`, filter.to);
  if (filter.kinds) add((n) => `e.kind = ANY($${n}::text[])`, filter.kinds);
  if (filter.group) add((n) => `g.slug = $${n}`, filter.group.toLowerCase());
  if (filter.tag) add((n) => `$${n} = ANY(e.tags)`, filter.tag.toLowerCase());
  if (filter.language) add((n) => `e.language = $${n}`, filter.language.toLowerCase());
  // An event's city is its venue's; an event without one (online) is in its group's city.
  if (filter.city) add((n) => `hearth_fold(coalesce(e.city, g.city)) = hearth_fold($${n})`, filter.city);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      (n) =>
        `(e.title ILIKE $${n} OR e.description ILIKE $${n} OR g.name ILIKE $${n}
          OR hearth_fold(coalesce(g.city, '')) LIKE hearth_fold($${n}) OR hearth_fold(coalesce(e.city, '')) LIKE hearth_fold($${n}))`,
      pattern,
    );
  }
  if (filter.near) {
    const { latitude, longitude, radiusKm } = filter.near;
    params.push(latitude, longitude, radiusKm);
    const [lat, lng, r] = [params.length - 2, params.length - 1, params.length];
    // Haversine, plain SQL: 2R·asin(√(sin²(Δφ/2) + cos φ1·cos φ2·sin²(Δλ/2))) ≤ radius.
    where.push(`e.latitude IS NOT NULL AND 2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
        power(sin(radians(${LAT} - $${lat}::float8) / 2), 2)
        + cos(radians($${lat}::float8)) * cos(radians(${LAT})) * power(sin(radians(${LNG} - $${lng}::float8) / 2), 2)
      ))) <= $${r}::float8`);
  }
  if (paged && filter.cursor) {
    const c = decodeCursor(filter.cursor);
    params.push(c.at, c.id);
    where.push(`(e.starts_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return { where, params };
}
