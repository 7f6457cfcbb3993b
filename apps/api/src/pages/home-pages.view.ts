import { appTime, dateTile, formatRangeWithZone } from '@app/i18n';
import type { GroupRole, MembershipStatus } from '@app/community';
import type { HomeEvent, PublicEvent } from '@app/events';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';
import { renderEventList } from './community-pages.view';

export interface HomeGroup {
  slug: string;
  name: string;
  role: GroupRole;
  status: MembershipStatus;
}

export interface HomePageData {
  answered: HomeEvent[];
  awaiting: Array<HomeEvent & { links: { going: string; maybe: string; declined: string } }>;
  groups: HomeGroup[];
  /** The personal feed's https URL; its webcal:// twin is derived. */
  feedUrl: string;
  organizes: boolean;
}

/** The event's own zone unless the member chose one. */
function when(viewer: Viewer, e: HomeEvent): string {
  const zone = viewer.user?.timezone ?? e.timezone;
  return formatRangeWithZone(appTime(viewer.locale, zone), e.startsAt, e.endsAt);
}

function tile(viewer: Viewer, e: HomeEvent): SafeHtml {
  const d = dateTile(appTime(viewer.locale, viewer.user?.timezone ?? e.timezone), e.startsAt);
  return html`<div class="date-tile" aria-hidden="true">
    <span class="d">${d.day}</span><span class="m">${d.month}</span>
  </div>`;
}

function answeredList(viewer: Viewer, events: HomeEvent[]): SafeHtml {
  const { t } = viewer;
  if (events.length === 0)
    return html`<p class="muted">${t('home.eventsEmpty')} <a href="/events">${t('home.browse')}</a></p>`;
  return html`<ul class="event-list">
    ${events.map((e) => {
      const status = e.rsvpStatus ?? '';
      return html`<li data-event="${e.id}" data-status="${status}">
        ${tile(viewer, e)}
        <div>
          <a class="title" href="/events/${e.id}">${e.title}</a>
          <p class="meta">${when(viewer, e)}</p>
          <p class="meta">${t('list.byGroup', { group: e.groupName })}</p>
          <p class="status-line" data-status="${status}">
            ${t('rsvp.status', { status })}${
              e.waitlistPosition !== null
                ? html` <span data-testid="waitlist-position" data-position="${e.waitlistPosition}"
                    >· ${t('rsvp.waitlistPosition', { position: e.waitlistPosition })}</span
                  >`
                : ''
            }${e.status === 'cancelled' ? html` · <strong>${t('event.cancelled')}</strong>` : ''}
          </p>
        </div>
      </li>`;
    })}
  </ul>`;
}

function awaitingList(viewer: Viewer, events: HomePageData['awaiting']): SafeHtml {
  const { t } = viewer;
  if (events.length === 0) return html`<p class="muted">${t('home.invitationsEmpty')}</p>`;
  return html`<ul class="event-list">
    ${events.map(
      (e) =>
        html`<li data-event="${e.id}">
          ${tile(viewer, e)}
          <div>
            <a class="title" href="/events/${e.id}">${e.title}</a>
            <p class="meta">${when(viewer, e)}</p>
            <p class="meta">${t('list.byGroup', { group: e.groupName })}</p>
            <p class="answers" role="group" aria-label="${t('home.answerFor', { title: e.title })}">
              <a class="button" href="${e.links.going}">${t('rsvp.going')}</a>
              <a class="button secondary" href="${e.links.maybe}">${t('rsvp.maybe')}</a>
              <a class="button secondary" href="${e.links.declined}">${t('rsvp.cantGo')}</a>
            </p>
            <p class="meta"><a href="/events/${e.id}">${t('home.seeEvent')}</a></p>
          </div>
        </li>`,
    )}
  </ul>`;
}

function groupList(viewer: Viewer, groups: HomeGroup[]): SafeHtml {
  const { t } = viewer;
  if (groups.length === 0) return html`<p class="muted">${t('home.groupsEmpty')}</p>`;
  return html`<ul class="link-list">
    ${groups.map(
      (g) =>
        html`<li data-group="${g.slug}">
          <a href="/groups/${g.slug}">${g.name}</a>${
            g.status === 'pending'
              ? html` <span class="badge">${t('home.requestPending')}</span>`
              : g.role !== 'member'
                ? html` <span class="badge">${t('home.role', { role: g.role })}</span>`
                : ''
          }
        </li>`,
    )}
  </ul>`;
}

function feedCard(viewer: Viewer, feedUrl: string): SafeHtml {
  const { t } = viewer;
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://');
  return html`<section class="card" aria-labelledby="feed-heading" data-testid="home-feed">
    <h2 id="feed-heading">${t('home.feedHeading')}</h2>
    <p>${t('home.feedIntro')}</p>
    <p><a class="button" href="${webcal}" data-testid="feed-webcal">${t('home.feedSubscribe')}</a></p>
    <p>${t('home.feedCopy')}</p>
    <code class="feed" dir="ltr"><a href="${feedUrl}" data-testid="feed-https">${feedUrl}</a></code>
  </section>`;
}

/** GET /home: my events with my answer, invitations awaiting one, my groups, my calendar feed. */
export function renderHomePage(viewer: Viewer, data: HomePageData): SafeHtml {
  const { t, user } = viewer;
  return html`<h1>${t('home.greeting', { name: user?.displayName ?? '' })}</h1>
    ${
      data.organizes ? html`<p><a href="/admin/" data-testid="admin-link">${t('home.adminLink')}</a></p>` : ''
    }
    <div class="layout">
      <div>
        <section class="card" aria-labelledby="invitations-heading" data-testid="home-invitations">
          <h2 id="invitations-heading">${t('home.invitationsHeading')}</h2>
          ${awaitingList(viewer, data.awaiting)}
        </section>
        <section class="card" aria-labelledby="events-heading" data-testid="home-events">
          <h2 id="events-heading">${t('home.eventsHeading')}</h2>
          ${answeredList(viewer, data.answered)}
        </section>
      </div>
      <aside>
        <section class="card" aria-labelledby="groups-heading" data-testid="home-groups">
          <h2 id="groups-heading">${t('home.groupsHeading')}</h2>
          ${groupList(viewer, data.groups)}
        </section>
        ${feedCard(viewer, data.feedUrl)}
      </aside>
    </div>`;
}

/** GET /: what is on, and a way in (or back home). */
export function renderIndexPage(viewer: Viewer, events: PublicEvent[]): SafeHtml {
  const { t, user } = viewer;
  return html`<h1>Hearth</h1>
    <p class="lede">${t('index.lede')}</p>
    <div class="layout">
      <section class="card" aria-labelledby="on-heading" data-testid="index-events">
        <h2 id="on-heading">${t('index.upcoming')}</h2>
        ${renderEventList(
          viewer,
          events.map((e) => ({ ...e, status: 'scheduled', groupName: e.group.name })),
          t('index.empty'),
        )}
        <p>
          <a href="/events">${t('index.allEvents')}</a> ·
          <a href="/networking">${t('index.networking')}</a>
        </p>
      </section>
      <aside>
        <section class="card" aria-labelledby="in-heading">
          ${
            user
              ? html`<h2 id="in-heading">${t('index.welcomeBack', { name: user.displayName })}</h2>
                  <p><a class="button" href="/home">${t('index.home')}</a></p>`
              : html`<h2 id="in-heading">${t('index.signInHeading')}</h2>
                  <p>${t('index.signInPrompt')}</p>
                  <p><a class="button" href="/sign-in?next=%2Fhome">${t('layout.signIn')}</a></p>`
          }
        </section>
      </aside>
    </div>`;
}
