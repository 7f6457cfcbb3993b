import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FeedEntry, buildFeedIcs } from '@app/calendar';
import { Env } from '@app/core';
import { appTime, formatRangeWithZone, toLanguage } from '@app/i18n';
import { EventEntity } from '../events/event.entity';
import { calendarEventData } from '../feeds/calendar-data';
import { PublicEventFilter, PublicEventsService } from './public-events.service';
import type { PublicFeedRow } from './public-events.repository';

/** How many events a listing's feed carries (the first ones of the filter, by start). */
export const LISTING_FEED_SIZE = 200;

export interface ListingFeedMeta {
  /** The feed's title ("Hearth events · Berlin"). */
  title: string;
  /** This feed's own URL (with its query), absolute: the Atom id and rel="self". */
  selfUrl: string;
  /** The HTML listing of the same filter, absolute. */
  pageUrl: string;
  /** Language of the Atom summaries. */
  locale?: string;
}

export interface ListingFeed {
  etag: string;
  body: string;
}

/**
 * The public listing of one filter as a subscribable calendar (.ics) and as Atom. Only public
 * information: a hidden venue's address, join link and coordinates never appear (the SQL leaves them
 * out); its city does, as for the listing itself.
 */
@Injectable()
export class ListingFeedsService {
  constructor(
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(Env) private readonly env: Env,
  ) {}

  async ics(filter: PublicEventFilter, meta: ListingFeedMeta): Promise<ListingFeed> {
    const rows = await this.publicEvents.feed({ ...filter, limit: LISTING_FEED_SIZE });
    const body = buildFeedIcs({
      kind: 'group',
      name: meta.title,
      refreshMinutes: 60,
      events: rows.map((r) => this.entry(r)),
    });
    return { etag: etagOf(['ics', meta.title, rows]), body };
  }

  async atom(filter: PublicEventFilter, meta: ListingFeedMeta): Promise<ListingFeed> {
    const rows = await this.publicEvents.feed({ ...filter, limit: LISTING_FEED_SIZE });
    return { etag: etagOf(['atom', meta, rows]), body: buildAtom(rows, meta, this.env.publicBaseUrl) };
  }

  private entry(r: PublicFeedRow): FeedEntry {
    const hidden = !r.venue_name && !r.venue_address && !r.join_url;
    const event = Object.assign(new EventEntity(), {
      id: r.id,
      topicId: r.topic_id,
      title: r.title,
      description: r.description,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      timezone: r.timezone,
      venueName: r.venue_name,
      venueAddress: r.venue_address,
      joinUrl: r.join_url,
      status: r.status,
    });
    const data = calendarEventData(event, true, this.env.publicBaseUrl);
    // A hidden venue's city is public: the calendar says which city, never where in it.
    if (hidden && r.city) data.location = r.city;
    else if (r.city && data.location && !data.location.includes(r.city))
      data.location = `${data.location}, ${r.city}`;
    return { uid: r.calendar_uid, sequence: r.sequence, dtstamp: new Date(r.updated_at), event: data };
  }
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
// Characters XML 1.0 does not allow at all (control characters other than tab, LF, CR).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (text: string): string =>
  text.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** An Atom 1.0 document (RFC 4287): one entry per event, linking to its page. */
export function buildAtom(rows: PublicFeedRow[], meta: ListingFeedMeta, baseUrl: string): string {
  const language = toLanguage(meta.locale);
  const updated = rows.reduce(
    (latest, r) => Math.max(latest, new Date(r.updated_at).getTime()),
    Date.UTC(2025, 0, 1),
  );
  const entries = rows.map((r) => {
    const url = `${baseUrl}/events/${r.id}`;
    const when = formatRangeWithZone(
      appTime(language, r.timezone),
      new Date(r.starts_at),
      new Date(r.ends_at),
    );
    const place = [r.venue_name, r.venue_address, r.city].filter(Boolean).join(', ');
    const summary = [when, place, r.group_name].filter(Boolean).join(' · ');
    return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(r.title)}</title>
    <updated>${new Date(r.updated_at).toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <author><name>${xml(r.group_name)}</name></author>
    <category term="${xml(r.kind)}"/>
    <summary type="text">${xml(summary)}</summary>
    <content type="text">${xml(`${summary}\n\n${r.description}`.trim())}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">
  <id>${xml(meta.selfUrl)}</id>
  <title>${xml(meta.title)}</title>
  <updated>${new Date(updated).toISOString()}</updated>
  <author><name>Hearth</name></author>
  <generator>Hearth</generator>
  <link rel="self" type="application/atom+xml" href="${xml(meta.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(meta.pageUrl)}"/>
${entries.join('\n')}
</feed>
`;
}

function etagOf(parts: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)}"`;
}
