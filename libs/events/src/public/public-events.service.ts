import { Inject, Injectable } from '@nestjs/common';
import { Page, encodeCursor } from '@app/core';
import { Accessibility, EventKind } from '../events/event.entity';
import { PublicEventsRepository, PublicEventRow as Row } from './public-events.repository';

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

/**
 * Discovery across public groups. A hot read path: one query, only the columns returned, and the
 * privacy rules applied in SQL (location only when public, counts only when the event opts in).
 * The public listing is a shared read model (PublicEventsRepository, README "Data ownership"): it reads groups and the going
 * count from rsvps itself, so a page stays one statement.
 */
@Injectable()
export class PublicEventsService {
  constructor(@Inject(PublicEventsRepository) private readonly repository: PublicEventsRepository) {}

  async list(filter: PublicEventFilter): Promise<Page<PublicEvent>> {
    const rows = await this.repository.page(filter);
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
    startsAt: r.starts_at,
    endsAt: r.ends_at,
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
