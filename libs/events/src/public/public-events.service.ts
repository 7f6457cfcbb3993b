import { Inject, Injectable } from '@nestjs/common';
import { Page, encodeCursor } from '@app/core';
import { eventsError } from '../events.errors';
import { AccessibilityStatement, accessibilityStatement } from '../events/accessibility';
import { EventKind } from '../events/event.entity';
import {
  Coordinates,
  ListingKind,
  RADIUS_KM,
  dayBoundary,
  kindsOf,
  parseCoordinates,
} from './listing-filter';
import { PublicEventsRepository, PublicFeedRow, PublicEventRow as Row } from './public-events.repository';

export interface PublicEventFilter {
  kinds?: readonly EventKind[];
  group?: string;
  tag?: string;
  from?: Date;
  to?: Date;
  q?: string;
  /** Venue city (or the group's, for events without one), case and accents ignored. */
  city?: string;
  language?: string;
  near?: Coordinates & { radiusKm: number };
  limit: number;
  cursor?: string;
}

/** A listing's filter as a visitor or client gives it (shapes already checked by the caller). */
export interface ListingQuery {
  kind?: ListingKind;
  group?: string;
  tag?: string;
  /** An instant, or a day (YYYY-MM-DD) read in `zone`: from its start. */
  from?: Date | string;
  /** An instant, or a day read in `zone`: up to its end. */
  to?: Date | string;
  q?: string;
  city?: string;
  /** A place typed: "lat,lng", or a city Hearth knows venues in. */
  near?: string;
  radiusKm?: number;
  language?: string;
  cursor?: string;
  limit: number;
  /** The zone days are read in. */
  zone: string;
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
  accessibility: AccessibilityStatement;
  group: { slug: string; name: string; city: string | null };
  /** Only when the event shows its location publicly. */
  venueName: string | null;
  venueAddress: string | null;
  joinUrl: string | null;
  /** Public, even when the address is hidden. */
  city: string | null;
  /** Only when the event shows its location publicly. */
  latitude: number | null;
  longitude: number | null;
  language: string;
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

  /**
   * A listing query as the filter the repository applies; a place nobody can place, or dates the
   * wrong way round, are refused (422 LISTING_FILTER_INVALID naming the field).
   */
  async resolve(query: ListingQuery): Promise<PublicEventFilter> {
    const problems: Array<{ field: string; problems: string[] }> = [];
    const instant = (value: Date | string | undefined, field: string, edge: 'start' | 'end') => {
      if (value === undefined || value instanceof Date) return value;
      const at = dayBoundary(value, query.zone, edge);
      if (!at) problems.push({ field, problems: [`${field} must be a date (YYYY-MM-DD) or an instant`] });
      return at ?? undefined;
    };
    const from = instant(query.from, 'from', 'start');
    const to = instant(query.to, 'to', 'end');
    if (from && to && to.getTime() <= from.getTime())
      problems.push({ field: 'to', problems: ['to must be after from'] });
    const near = query.near?.trim() ? await this.place(query.near.trim(), problems) : undefined;
    const radiusKm = query.radiusKm ?? RADIUS_KM.default;
    if (near && !(radiusKm >= RADIUS_KM.min && radiusKm <= RADIUS_KM.max))
      problems.push({
        field: 'radiusKm',
        problems: [`radiusKm must be between ${RADIUS_KM.min} and ${RADIUS_KM.max}`],
      });
    if (problems.length > 0) {
      throw eventsError('LISTING_FILTER_INVALID', problems.map((p) => p.problems.join('; ')).join('; '), {
        fields: problems,
      });
    }
    return {
      kinds: query.kind ? kindsOf(query.kind) : undefined,
      group: query.group,
      tag: query.tag,
      from,
      to,
      q: query.q?.trim() || undefined,
      city: query.city?.trim() || undefined,
      language: query.language?.trim().toLowerCase() || undefined,
      near: near ? { ...near, radiusKm } : undefined,
      cursor: query.cursor,
      limit: query.limit,
    };
  }

  /** The listing's first events with their calendar fields, for its .ics and Atom feeds. */
  feed(filter: PublicEventFilter): Promise<PublicFeedRow[]> {
    return this.repository.feed({ ...filter, cursor: undefined });
  }

  private async place(
    text: string,
    problems: Array<{ field: string; problems: string[] }>,
  ): Promise<Coordinates | undefined> {
    const typed = parseCoordinates(text);
    if (typed === 'invalid') {
      problems.push({ field: 'near', problems: ['near: latitude is -90..90 and longitude -180..180'] });
      return undefined;
    }
    if (typed) return typed;
    const centre = await this.repository.cityCentre(text.slice(0, 120));
    if (!centre)
      problems.push({ field: 'near', problems: [`near: no known place called "${text.slice(0, 120)}"`] });
    return centre ?? undefined;
  }

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

export function toPublicEvent(r: Row): PublicEvent {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    timezone: r.timezone,
    tags: r.tags,
    accessibility: accessibilityStatement(r.accessibility),
    group: { slug: r.group_slug, name: r.group_name, city: r.group_city },
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    joinUrl: r.join_url,
    city: r.city,
    latitude: r.latitude,
    longitude: r.longitude,
    language: r.language,
    goingCount: r.going_count,
  };
}
