import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, preparedQuery } from '@app/core';
import { Accessibility, EventKind } from '../events/event.entity';
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
  going_count: number | null;
  cursor_at: string;
}

/** A timestamptz as Date#toISOString() writes it (UTC, milliseconds, `Z`). */
const ISO_UTC = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The public listing, a shared read model (README "Data ownership"): events of public groups with
 * their group and going count, one statement per page.
 */
@Injectable()
export class PublicEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page (one row more than the limit, to tell whether a next page exists). */
  page(filter: PublicEventFilter): Promise<PublicEventRow[]> {
    const params: unknown[] = [filter.from ?? new Date(), filter.limit + 1];
    const where = [`e.status = 'scheduled'`, `g.visibility = 'public'`, `e.ends_at >= $1`];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.to) add((n) => `e.starts_at < $${n}`, filter.to);
    if (filter.kind) add((n) => `e.kind = $${n}`, filter.kind);
    if (filter.group) add((n) => `g.slug = $${n}`, filter.group.toLowerCase());
    if (filter.tag) add((n) => `$${n} = ANY(e.tags)`, filter.tag.toLowerCase());
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add((n) => `(e.title ILIKE $${n} OR e.description ILIKE $${n} OR g.name ILIKE $${n})`, pattern);
    }
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      params.push(c.at, c.id);
      where.push(`(e.starts_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    // A named prepared statement per shape of filters (planned once per connection), and times as the
    // text the response prints, not parsed into Dates to be formatted back.
    return preparedQuery<PublicEventRow>(
      this.dataSource,
      `SELECT e.id, e.kind, e.title, e.description, ${ISO_UTC('e.starts_at')} AS starts_at,
              ${ISO_UTC('e.ends_at')} AS ends_at, e.timezone, e.tags, e.accessibility,
              g.slug AS group_slug, g.name AS group_name, g.city AS group_city,
              CASE WHEN e.location_visibility = 'public' THEN e.venue_name END AS venue_name,
              CASE WHEN e.location_visibility = 'public' THEN e.venue_address END AS venue_address,
              CASE WHEN e.location_visibility = 'public' THEN e.join_url END AS join_url,
              CASE WHEN e.attendee_visibility <> 'organizers' THEN
                (SELECT coalesce(sum(1 + r.guests), 0)::int FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going')
              END AS going_count,
              to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM events e JOIN groups g ON g.id = e.group_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.starts_at, e.id
        LIMIT $2`,
      params,
    );
  }
}
