import { appTime, dateTile, formatRangeWithZone, sameWallClock } from '@app/i18n';
import type { PublicEvent } from '@app/events';
import { SafeHtml, html } from './html';
import { ListingParam, ListingValues } from './discovery-query';
import { Viewer } from './member-layout';

export interface DiscoveryListData {
  title: string;
  intro: string;
  /** Null when the filter was refused (then `invalid` names what). */
  events: PublicEvent[] | null;
  invalid: ListingParam[];
  nextHref: string | null;
  values: ListingValues;
  /** The form's action: /events or /networking. */
  action: string;
  lockedKind: boolean;
  feeds: { ics: string; atom: string };
}

const KINDS = ['online_discussion', 'in_person', 'virtual_networking', 'hybrid', 'online'];
const LANGUAGE_CHOICES = ['en', 'ar'];
const ZONE_SUGGESTIONS = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Kyiv',
  'Africa/Cairo',
  'Africa/Lagos',
  'Asia/Amman',
  'Asia/Beirut',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
];

const selected = (on: boolean): SafeHtml => new SafeHtml(on ? ' selected' : '');

/** A language code's own name in the viewer's language ("Arabic", "العربية"); the code if unknown. */
function languageName(viewer: Viewer, code: string): string {
  try {
    return new Intl.DisplayNames([viewer.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A public listing: its filters, the feeds of the same filter, the zone form, and the events. */
export function renderDiscoveryList(viewer: Viewer, data: DiscoveryListData): SafeHtml {
  const { t } = viewer;
  return html`<h1>${data.title}</h1>
    <p class="lede">${data.intro}</p>
    ${filterForm(viewer, data)}
    ${
      data.invalid.length > 0
        ? html`<div class="banner danger" role="alert" data-testid="filter-problem">
            <p>${t('discovery.invalidFilters')}</p>
            ${data.invalid.map((f) => html`<p>${t('discovery.invalidField', { field: f })}</p>`)}
          </div>`
        : ''
    }
    <p class="feeds">
      ${t('discovery.subscribe')}
      <a href="${data.feeds.ics}" data-testid="feed-ics" type="text/calendar">${t('discovery.feedIcs')}</a> ·
      <a href="${data.feeds.atom}" data-testid="feed-atom" type="application/atom+xml"
        >${t('discovery.feedAtom')}</a
      >
    </p>
    ${viewer.user ? '' : zoneForm(viewer, data)}
    <section class="card" aria-label="${data.title}">
      ${data.events ? eventList(viewer, data.events) : ''}
      ${data.nextHref ? html`<p><a class="button secondary" href="${data.nextHref}">${t('list.more')}</a></p>` : ''}
    </section>`;
}

function filterForm(viewer: Viewer, data: DiscoveryListData): SafeHtml {
  const { t } = viewer;
  const v = data.values;
  const languages =
    v.language && !LANGUAGE_CHOICES.includes(v.language)
      ? [...LANGUAGE_CHOICES, v.language]
      : LANGUAGE_CHOICES;
  return html`<form class="card filters" method="get" action="${data.action}" role="search">
    ${
      data.lockedKind
        ? ''
        : html`<div class="field">
            <label for="kind">${t('list.filterKind')}</label
            ><select id="kind" name="kind">
              <option value="">${t('list.allKinds')}</option>
              ${KINDS.map((k) => html`<option value="${k}" ${selected(v.kind === k)}>${t('discovery.kind', { kind: k })}</option>`)}
            </select>
          </div>`
    }
    <div class="field">
      <label for="q">${t('list.filterSearch')}</label
      ><input id="q" name="q" type="search" maxlength="200" value="${v.q}" dir="auto" />
    </div>
    <div class="field">
      <label for="city">${t('discovery.city')}</label
      ><input id="city" name="city" maxlength="120" value="${v.city}" dir="auto" />
    </div>
    <div class="field">
      <label for="near">${t('discovery.near')}</label
      ><input
        id="near"
        name="near"
        maxlength="120"
        value="${v.near}"
        dir="auto"
        aria-describedby="near-hint"
      />
    </div>
    <div class="field">
      <label for="radiusKm">${t('discovery.radius')}</label
      ><input
        id="radiusKm"
        name="radiusKm"
        type="number"
        min="1"
        max="500"
        step="1"
        value="${v.radiusKm}"
        placeholder="25"
      />
    </div>
    <div class="field">
      <label for="language">${t('discovery.language')}</label
      ><select id="language" name="language">
        <option value="">${t('discovery.anyLanguage')}</option>
        ${languages.map((l) => html`<option value="${l}" ${selected(v.language === l)} lang="${l}">${languageName(viewer, l)}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="from">${t('list.filterFrom')}</label
      ><input id="from" name="from" type="date" value="${v.from}" />
    </div>
    <div class="field">
      <label for="to">${t('discovery.to')}</label><input id="to" name="to" type="date" value="${v.to}" />
    </div>
    <div class="field">
      <label for="tag">${t('list.filterTag')}</label
      ><input id="tag" name="tag" maxlength="40" value="${v.tag}" />
    </div>
    <button type="submit">${t('list.filterApply')}</button>
    <p id="near-hint" class="muted wide">${t('discovery.nearHint')}</p>
  </form>`;
}

/** A visitor chooses the zone times are shown in (the tz cookie); members use their account's. */
function zoneForm(viewer: Viewer, data: DiscoveryListData): SafeHtml {
  const { t } = viewer;
  return html`<form class="zone-form" method="get" action="${data.action}" data-testid="tz-form">
    ${Object.entries(data.values)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <label for="tz">${t('discovery.zone')}</label>
    <input
      id="tz"
      name="tz"
      list="tz-suggestions"
      maxlength="64"
      dir="ltr"
      value="${viewer.zone ?? ''}"
      placeholder="Europe/London"
    />
    <datalist id="tz-suggestions">
      ${ZONE_SUGGESTIONS.map((z) => html`<option value="${z}"></option>`)}
    </datalist>
    <button type="submit" class="secondary">${t('discovery.zoneApply')}</button>
  </form>`;
}

function eventList(viewer: Viewer, events: PublicEvent[]): SafeHtml {
  const { t, locale } = viewer;
  if (events.length === 0) return html`<p class="muted">${t('list.noPublicEvents')}</p>`;
  return html`<ul class="event-list">
    ${events.map((e) => {
      const start = new Date(e.startsAt);
      const end = new Date(e.endsAt);
      const tile = dateTile(appTime(locale, e.timezone), start);
      const own = formatRangeWithZone(appTime(locale, e.timezone), start, end);
      const zone = viewer.zone;
      const yours =
        zone && !sameWallClock(zone, e.timezone, start)
          ? formatRangeWithZone(appTime(locale, zone), start, end)
          : null;
      return html`<li data-event="${e.id}">
        <div class="date-tile" aria-hidden="true">
          <span class="d">${tile.day}</span><span class="m">${tile.month}</span>
        </div>
        <div>
          <a class="title" href="/events/${e.id}" dir="auto">${e.title}</a>
          <p class="meta" data-testid="event-time"><bdi>${own}</bdi></p>
          ${yours ? html`<p class="meta" data-testid="viewer-time">${t('discovery.yourTime', { time: yours })}</p>` : ''}
          <p class="meta">
            <span class="badge k-${e.kind}">${t('event.kind', { kind: e.kind })}</span> ·
            ${t('list.byGroup', { group: e.group.name })}${
              e.city ? html` · <bdi data-testid="event-city">${e.city}</bdi>` : ''
            }
            · <span lang="${e.language}">${languageName(viewer, e.language)}</span>${
              e.goingCount !== null ? html` · ${t('event.goingCount', { count: e.goingCount })}` : ''
            }
          </p>
        </div>
      </li>`;
    })}
  </ul>`;
}
