import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, decodeCursor, encodeCursor } from '@app/core';
import { Accessibility, EventKind } from '../events/event.entity';

export interface PublicEventFilter {
  kind?: EventKind;
  group?: string;
  tag?: string;
  from?: Date;
  to?: Date;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface PublicEvent {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  tags: string[];
  accessibility: Accessibility;
  group: { slug: string; name: string; city: string | null };
  /** Only when the event shows its location publicly. */
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  /** Only when the event opts in to showing a count. */
  goingCount: number | null;
}

interface Row {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
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

/**
 * Discovery across public groups. A hot read path: one query, only the columns returned, and the
 * privacy rules applied in SQL (location only when public, counts only when the event opts in).
 * The public listing is a shared read model (README "Data ownership"): it reads groups and the going
 * count from rsvps itself, so a page stays one statement.
 */
@Injectable()
export class PublicEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: PublicEventFilter): Promise<Page<PublicEvent>> {
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
    const rows = await this.dataSource.query<Row[]>(
      `SELECT e.id, e.kind, e.title, e.description, e.starts_at, e.ends_at, e.timezone, e.tags, e.accessibility,
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
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toPublicEvent),
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
    };
  }
}

function toPublicEvent(r: Row): PublicEvent {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    timezone: r.timezone,
    tags: r.tags,
    accessibility: r.accessibility,
    group: { slug: r.group_slug, name: r.group_name, city: r.group_city },
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    joinUrl: r.join_url,
    goingCount: r.going_count,
  };
}
