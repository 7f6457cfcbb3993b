import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Env } from '@app/core';
import {
  ListingFeed,
  ListingFeedsService,
  ListingKind,
  PublicEventsService,
  ViewVersions,
  goingCounts,
} from '@app/events';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { CacheRecipe, ResponseCache } from '../http/response-cache';
import { renderDiscoveryList } from './discovery-list.view';
import { ParsedListing, listingSearch, parseListing } from './discovery-query';
import { MemberPageContext, visitorZone } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { SafeHtml, html } from './html';

// The listing's own few rules, beside the layout's stylesheet.
const STYLE =
  '.filters .wide{grid-column:1/-1;margin:0 0 .5rem;font-size:.9rem}' +
  '.zone-form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:0 0 1.25rem}' +
  '.zone-form input{max-width:18rem}.feeds{margin:0 0 .75rem}';

type Listing = 'events' | 'networking';
const LOCKED: Record<Listing, ListingKind | undefined> = { events: undefined, networking: 'networking' };

/**
 * The public listings (`/events`, `/networking`) with their filters, and the same filter as an
 * iCalendar feed and an Atom feed (`/events.ics?…`, `/events.atom?…`, and the networking pair).
 * Filters follow the API's rules (GET /api/public/events); a refused one is said on the page (400),
 * never a failure. Days (`from`, `to`) are read in the viewer's zone on the page, and in `tz` (or
 * UTC) in a feed, whose URL the page writes with the zone it used.
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller()
export class DiscoveryPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(ListingFeedsService) private readonly listingFeeds: ListingFeedsService,
    @Inject(Env) private readonly env: Env,
    @Inject(ViewVersions) private readonly versions: ViewVersions,
    @Inject(ResponseCache) private readonly responses: ResponseCache,
  ) {
    for (const route of ['/events', '/networking']) {
      responses.route(route, async (request) =>
        this.listingRecipe(await this.pages.viewer(request, null), request),
      );
    }
  }

  /**
   * A visitor's listing in the response cache: keyed on the URL, the language and zone it is
   * rendered in (lang and tz cookies), and the listing's version read on this request.
   */
  private async listingRecipe(viewer: Viewer, request: FastifyRequest): Promise<CacheRecipe> {
    const version = await this.versions.publicListing();
    const cookies = request.cookies ?? {};
    return {
      view: 'listing',
      key: JSON.stringify([
        'listing',
        request.url,
        viewer.locale,
        cookies.lang,
        cookies.tz,
        viewer.zone,
        version,
      ]),
      holds: (shown) => this.versions.shownHolds(shown),
    };
  }

  @Get('events')
  events(
    @OptionalUser() p: Principal | null,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer | undefined> {
    return this.list('events', p, query, request, reply);
  }

  @Get('networking')
  networking(
    @OptionalUser() p: Principal | null,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer | undefined> {
    return this.list('networking', p, query, request, reply);
  }

  @Get('events.ics')
  eventsIcs(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.feed('events', 'ics', query, request, reply);
  }

  @Get('events.atom')
  eventsAtom(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.feed('events', 'atom', query, request, reply);
  }

  @Get('networking.ics')
  networkingIcs(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.feed('networking', 'ics', query, request, reply);
  }

  @Get('networking.atom')
  networkingAtom(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.feed('networking', 'atom', query, request, reply);
  }

  private async list(
    listing: Listing,
    p: Principal | null,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | Buffer | undefined> {
    const viewer = await this.pages.viewer(request, p);
    const zone = viewer.zone ?? 'UTC';
    const parsed = await parseListing(this.publicEvents, query, {
      zone,
      lockedKind: LOCKED[listing],
      limit: 20,
    });
    if (viewer.user || !parsed.ok) return this.render(listing, viewer, parsed, reply);
    const { view, key, holds } = await this.listingRecipe(viewer, request);
    let shown: Record<string, number> | null = null;
    this.pages.send(reply, '');
    return this.responses.serve(
      view,
      key,
      request,
      reply,
      () => this.render(listing, viewer, parsed, reply, (counts) => (shown = counts)),
      { contentType: 'text/html; charset=utf-8', shown: () => shown, holds },
    );
  }

  private async render(
    listing: Listing,
    viewer: Viewer,
    parsed: ParsedListing,
    reply: FastifyReply,
    showing?: (counts: Record<string, number> | null) => void,
  ): Promise<string> {
    const page = parsed.ok ? await this.publicEvents.list(parsed.filter) : null;
    if (page && showing) showing(goingCounts(page.items));
    const title = listing === 'networking' ? viewer.t('list.networkingTitle') : viewer.t('list.publicTitle');
    const feeds = this.feedLinks(listing, parsed, viewer);
    const head = html`<style>
        ${new SafeHtml(STYLE)}
      </style>
      <link rel="alternate" type="text/calendar" title="${title}" href="${feeds.ics}" />
      <link rel="alternate" type="application/atom+xml" title="${title}" href="${feeds.atom}" />`;
    const body = renderDiscoveryList(viewer, {
      title,
      intro: viewer.t('list.publicIntro'),
      events: page?.items ?? null,
      invalid: parsed.ok ? [] : parsed.invalid,
      nextHref: page?.nextCursor
        ? `/${listing}${listingSearch(parsed.values, { cursor: page.nextCursor })}`
        : null,
      values: parsed.values,
      action: `/${listing}`,
      lockedKind: listing === 'networking',
      feeds,
    });
    return this.pages.send(reply, memberPage(viewer, title, body, listing, head), parsed.ok ? 200 : 400);
  }

  /** The feeds of what the page shows: its filter, and the zone its days were read in. */
  private feedLinks(listing: Listing, parsed: ParsedListing, viewer: Viewer): { ics: string; atom: string } {
    const values = listing === 'networking' ? { ...parsed.values, kind: '' } : parsed.values;
    const dated = Boolean(values.from || values.to);
    const search = listingSearch(values, {
      tz: dated && viewer.zone ? viewer.zone : '',
      lang: viewer.locale === 'en' ? '' : viewer.locale,
    });
    return { ics: `/${listing}.ics${search}`, atom: `/${listing}.atom${search}` };
  }

  private async feed(
    listing: Listing,
    format: 'ics' | 'atom',
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | undefined> {
    const zone = visitorZone(query.tz) ?? 'UTC';
    const parsed = await parseListing(this.publicEvents, query, {
      zone,
      lockedKind: LOCKED[listing],
      limit: 1,
    });
    if (!parsed.ok) {
      void reply
        .status(400)
        .header('Content-Type', 'text/plain; charset=utf-8')
        .header('Cache-Control', 'no-store');
      return `This feed's filter is not valid: ${parsed.invalid.join(', ') || 'query'}\n`;
    }
    const search = listingSearch(parsed.values, {
      tz: typeof query.tz === 'string' && visitorZone(query.tz) ? query.tz : '',
    });
    const base = this.env.publicBaseUrl;
    const locale = typeof query.lang === 'string' ? query.lang : 'en';
    const label = [
      listing === 'networking' ? 'Hearth virtual networking' : 'Hearth events',
      parsed.values.city,
      parsed.values.near,
      parsed.values.q,
    ]
      .filter(Boolean)
      .join(' · ');
    const meta = {
      title: label,
      selfUrl: `${base}/${listing}.${format}${search}`,
      pageUrl: `${base}/${listing}${search}`,
      locale,
    };
    const feed =
      format === 'ics'
        ? await this.listingFeeds.ics(parsed.filter, meta)
        : await this.listingFeeds.atom(parsed.filter, meta);
    return send(
      feed,
      request,
      reply,
      format === 'ics' ? 'text/calendar' : 'application/atom+xml',
      `${listing}.${format}`,
    );
  }
}

/** A feed, or 304 when the client's ETag still matches. */
function send(
  feed: ListingFeed,
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  filename: string,
): string | undefined {
  void reply
    .header('ETag', feed.etag)
    .header('Cache-Control', 'public, max-age=300')
    .header('Content-Type', `${type}; charset=utf-8`)
    .header('Content-Disposition', `inline; filename="${filename}"`);
  const match = request.headers['if-none-match'];
  if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)) {
    void reply.status(304);
    return undefined;
  }
  return feed.body;
}
