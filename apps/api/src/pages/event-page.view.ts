import { appTime, dateTile, formatRange, sameWallClock } from '@app/i18n';
import type { GroupVisibility } from '@app/community';
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from '@app/events';
import type { MyRsvp, WaitlistWarning } from '@app/rsvp';
import type { EventResponse } from '../events/event.mapper';
import { SafeHtml, bdi, html, safeHref } from './html';
import { renderRsvpBox } from './event-rsvp-box.view';
import { Viewer } from './member-layout';

/** Everything the event page shows, already filtered by the API's own privacy decisions. */
export interface EventPageData {
  /** From toEventResponse: venue and join link are null when this viewer may not see them. */
  event: EventResponse;
  /** The event's setting (not its data): decides which "hidden" sentence to show. */
  locationVisibility: 'public' | 'members' | 'attendees';
  groupVisibility: GroupVisibility;
  codeOfConduct: string;
  mine: MyRsvp | null;
  /** Where answering Going would put the viewer on the waitlist now (per full mode); empty when it would not. */
  waitlistWarnings: WaitlistWarning[];
  /** What AttendeesService lets this viewer know: a count and/or names, or nothing. */
  goingCount: number | null;
  goingNames: string[];
  personalFeedUrl: string | null;
  flash: { tone: 'ok' | 'danger'; text: string } | null;
  now: Date;
}

/** The features that concern an event of this kind (the admin form asks about the same ones). */
const ONLINE_ACCESS: readonly AccessibilityFeature[] = ['signLanguageOnRequest', 'captionsOnRequest'];

const hasVenue = (kind: string): boolean => kind === 'in_person' || kind === 'hybrid';
const isOnline = (kind: string): boolean => kind !== 'in_person';

/** A webcal:// twin of a feed URL, so calendar apps subscribe instead of importing once. */
export const webcal = (url: string): string => url.replace(/^https?:\/\//, 'webcal://');

type PageEvent = EventPageData['event'];

/** The "Where" and "Join link" cells: the venue or join link, or the sentence saying why it is hidden. */
export function whereAndJoin(
  viewer: Viewer,
  data: Pick<EventPageData, 'event' | 'locationVisibility'>,
): { where: SafeHtml | null; join: SafeHtml | null } {
  const { t } = viewer;
  const { event } = data;
  const hidden = data.locationVisibility === 'members' ? 'members' : 'attendees';
  const where = hasVenue(event.kind)
    ? event.venueName || event.venueAddress
      ? html`<dd data-testid="venue">
          ${event.venueName ? html`<strong>${bdi(event.venueName)}</strong><br />` : ''}${bdi(event.venueAddress)}
        </dd>`
      : event.locationHidden
        ? html`<dd>
            <p class="hidden-note" data-testid="location-hidden">
              ${hidden === 'members' ? t('event.addressMembers') : t('event.addressHidden')}
            </p>
          </dd>`
        : html`<dd>${t('event.noLocation')}</dd>`
    : null;
  const join = isOnline(event.kind)
    ? event.joinUrl
      ? html`<dd>
          <a class="button" data-testid="join-url" href="${safeHref(event.joinUrl)}" rel="noopener noreferrer"
            >${t('event.joinOnline')}</a
          >
        </dd>`
      : event.locationHidden
        ? html`<dd>
            <p class="hidden-note" data-testid="link-hidden">
              ${hidden === 'members' ? t('event.linkMembers') : t('event.linkHidden')}
            </p>
          </dd>`
        : html`<dd>${t('event.noLocation')}</dd>`
    : null;
  return { where, join };
}

/** Cancelled, draft or ended, said once at the top. */
function statusBanner(viewer: Viewer, event: PageEvent, now: Date): SafeHtml | null {
  const { t } = viewer;
  if (event.status === 'cancelled') {
    return html`<div class="banner danger" role="status">
      <p><strong>${t('event.cancelled')}</strong></p>
    </div>`;
  }
  if (event.status === 'draft') return html`<div class="banner warn"><p>${t('event.draft')}</p></div>`;
  return new Date(event.endsAt) <= now
    ? html`<div class="banner warn"><p>${t('event.ended')}</p></div>`
    : null;
}

/** A definition-list row, or nothing. */
const fact = (term: string, value: SafeHtml | null): SafeHtml | string =>
  value
    ? html`<dt>${term}</dt>
        ${value}`
    : '';

/** When (in the event's zone, and the viewer's when it differs), where, join link, places, who is going. */
function factsCard(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t, locale, user } = viewer;
  const { event } = data;
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  // A member who has not chosen a zone sees the event's own only.
  const ownZone = user?.timezone ?? null;
  const showOwnTime = ownZone !== null && !sameWallClock(ownZone, event.timezone, start);
  const { where, join } = whereAndJoin(viewer, data);
  const tile = dateTile(appTime(locale, event.timezone), start);
  const range = (zone: string): string => formatRange(appTime(locale, zone), start, end, 'event');
  return html`<section class="card" aria-labelledby="facts-heading">
    <h2 id="facts-heading" class="visually-hidden">${t('event.about')}</h2>
    <div class="facts-row">
      <div class="date-tile" aria-hidden="true">
        <span class="d">${tile.day}</span><span class="m">${tile.month}</span>
      </div>
      <dl class="facts">
        <dt>${t('event.when')}</dt>
        <dd data-testid="when">${bdi(range(event.timezone))}</dd>
        ${fact(t('event.yourTime'), showOwnTime && ownZone ? html`<dd>${bdi(range(ownZone))}</dd>` : null)}
        ${fact(t('event.where'), where)} ${fact(t('event.joinLink'), join)}
        ${fact(t('event.places'), event.capacity !== null ? html`<dd>${event.capacity}</dd>` : null)}
        ${fact(
          t('event.whoIsGoing'),
          data.goingCount !== null
            ? html`<dd data-testid="going-count">${t('event.goingCount', { count: data.goingCount })}</dd>`
            : null,
        )}
      </dl>
    </div>
  </section>`;
}

/**
 * Every feature that concerns the event, as the organizer stated it: yes, no, or "not stated" when
 * they said nothing. Never a default.
 */
function accessibilitySection(viewer: Viewer, event: PageEvent): SafeHtml {
  const { t } = viewer;
  const features = hasVenue(event.kind) ? ACCESSIBILITY_FEATURES : ONLINE_ACCESS;
  const said = (v: boolean | null): string => (v === true ? 'yes' : v === false ? 'no' : 'not-stated');
  const { notes } = event.accessibility;
  return html`<section class="card" aria-labelledby="access-heading" data-testid="accessibility">
    <h2 id="access-heading">${t('event.accessibility')}</h2>
    <dl class="access">
      ${features.map((f) => {
        const stated = said(event.accessibility[f]);
        return html`<div data-testid="access-${f}" data-stated="${stated}">
          <dt>${t('event.access', { feature: f })}</dt>
          <dd class="stated-${stated}">${t('event.accessStated', { stated })}</dd>
        </div>`;
      })}
    </dl>
    ${notes ? html`<p class="prewrap" dir="auto">${notes}</p>` : ''}
    <p class="muted">${t('event.accessHint')}</p>
  </section>`;
}

/** Description, accessibility, who is going by name, and the discussion link. */
function detailSections(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t } = viewer;
  const { event } = data;
  return html`${
    event.description
      ? html`<section class="card" aria-labelledby="about-heading">
          <h2 id="about-heading">${t('event.about')}</h2>
          <p class="prewrap" dir="auto">${event.description}</p>
        </section>`
      : ''
  }
  ${accessibilitySection(viewer, event)}
  ${
    data.goingNames.length > 0
      ? html`<section class="card" aria-labelledby="going-heading">
          <h2 id="going-heading">${t('event.whoIsGoing')}</h2>
          <ul class="ticks">
            ${data.goingNames.map((n) => html`<li dir="auto">${n}</li>`)}
          </ul>
        </section>`
      : ''
  }
  ${event.topicId ? html`<p><a href="/topics/${event.topicId}">${t('event.discussion')}</a></p>` : ''}`;
}

export function renderEventPage(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t } = viewer;
  const { event, flash } = data;
  return html` <p class="eyebrow">
      <a href="/groups/${encodeURIComponent(event.group.slug)}">${bdi(event.group.name)}</a>
    </p>
    <h1>${bdi(event.title)}</h1>
    <p>
      <span class="badge k-${event.kind}">${t('event.kind', { kind: event.kind })}</span>${
        event.seriesId ? html` <span class="badge">${t('event.partOfSeries')}</span>` : ''
      }
    </p>
    ${flash ? html`<div class="banner ${flash.tone}" role="${flash.tone === 'ok' ? 'status' : 'alert'}"><p>${flash.text}</p></div>` : ''}
    ${statusBanner(viewer, event, data.now)}
    <div class="layout event-layout">
      <div class="top">${factsCard(viewer, data)}</div>
      <aside>${renderRsvpBox(viewer, data)} ${renderCalendarBox(viewer, data)}</aside>
      <div class="rest">${detailSections(viewer, data)}</div>
    </div>`;
}

function renderCalendarBox(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t } = viewer;
  const { event } = data;
  const publicFeeds = data.groupVisibility !== 'private';
  const origin = data.personalFeedUrl ? new URL(data.personalFeedUrl).origin : '';
  const groupFeed = `/api/feeds/groups/${encodeURIComponent(event.group.slug)}.ics`;
  const seriesFeed = event.seriesId ? `/api/feeds/series/${event.seriesId}.ics` : null;
  return html`<section class="card" aria-labelledby="calendar-heading">
    <h2 id="calendar-heading">${t('calendar.heading')}</h2>
    <ul class="link-list">
      <li>
        <a href="/api/events/${event.id}/calendar.ics" download="event.ics" data-testid="add-to-calendar"
          >${t('calendar.addToCalendar')}</a
        >
      </li>
      ${publicFeeds ? html`<li><a href="${groupFeed}">${t('calendar.subscribeGroup')}</a>${origin ? html` · <a href="${webcal(origin + groupFeed)}">webcal</a>` : ''}</li>` : ''}
      ${publicFeeds && seriesFeed ? html`<li><a href="${seriesFeed}">${t('calendar.subscribeSeries')}</a></li>` : ''}
      ${
        data.personalFeedUrl
          ? html`<li>
              <a href="${webcal(data.personalFeedUrl)}">${t('calendar.personalFeed')}</a><br /><span
                class="muted"
                >${t('calendar.personalFeedHint')}</span
              >
              <code class="feed" dir="ltr">${data.personalFeedUrl}</code>
            </li>`
          : ''
      }
    </ul>
    ${publicFeeds ? '' : html`<p class="muted">${t('calendar.feedsPrivate')}</p>`}
  </section>`;
}
