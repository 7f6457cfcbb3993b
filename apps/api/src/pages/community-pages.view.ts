import { appTime, dateTile, formatDateTime, formatRange, isolate } from '@app/i18n';
import type { GroupVisibility, TopicSummaryView } from '@app/community';
import { SafeHtml, bdi, html } from './html';
import { Viewer } from './member-layout';

/** One line of an event list: enough to choose, never the address (that is on the event page). */
export interface EventListItem {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: string;
  groupName?: string;
  goingCount?: number | null;
}

/** An event as a line of a list. */
export function toListItem(e: {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  status: string;
}): EventListItem {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timezone: e.timezone,
    status: e.status,
  };
}

export function renderEventList(viewer: Viewer, events: EventListItem[], empty: string): SafeHtml {
  const { t, locale } = viewer;
  if (events.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<ul class="event-list">
    ${events.map((e) => {
      const start = new Date(e.startsAt);
      const tile = dateTile(appTime(locale, e.timezone), start);
      return html`<li data-event="${e.id}">
        <div class="date-tile" aria-hidden="true">
          <span class="d">${tile.day}</span><span class="m">${tile.month}</span>
        </div>
        <div>
          <a class="title" href="/events/${e.id}">${bdi(e.title)}</a>
          <p class="meta">
            ${bdi(formatRange(appTime(locale, e.timezone), start, new Date(e.endsAt), 'event'))}
          </p>
          <p class="meta">
            <span class="badge k-${e.kind}">${t('event.kind', { kind: e.kind })}</span>${
              e.groupName ? html` · ${t('list.byGroup', { group: isolate(e.groupName) })}` : ''
            }${e.goingCount !== null && e.goingCount !== undefined ? html` · ${t('event.goingCount', { count: e.goingCount })}` : ''}${
              e.status === 'cancelled' ? html` · <strong>${t('event.cancelled')}</strong>` : ''
            }
          </p>
        </div>
      </li>`;
    })}
  </ul>`;
}

export interface GroupPageData {
  slug: string;
  name: string;
  description: string;
  city: string | null;
  timezone: string;
  visibility: GroupVisibility;
  codeOfConduct: string;
  membership: 'active' | 'pending' | null;
  events: EventListItem[];
  topics: TopicSummaryView[] | null;
  flash: { tone: 'ok' | 'danger'; text: string } | null;
}

/**
 * Join, or ask to join, or where the viewer stands. A group with a code of conduct asks for it to
 * be accepted in the same form (nothing pre-ticked); the code itself is on the page beside it.
 */
function renderJoinBox(viewer: Viewer, data: GroupPageData): SafeHtml {
  const { t, user } = viewer;
  if (data.membership === 'active') return html`<p class="muted">${t('group.member')}</p>`;
  if (data.membership === 'pending') return html`<p class="muted">${t('group.pending')}</p>`;
  if (!user) {
    return html`<p>
      <a class="button" href="/sign-in?next=${encodeURIComponent(`/groups/${data.slug}`)}"
        >${t('group.signInToJoin')}</a
      >
    </p>`;
  }
  const asksCoc = data.codeOfConduct.trim() !== '' && data.visibility !== 'private';
  return html`<form method="post" action="/groups/${encodeURIComponent(data.slug)}/join">
    ${
      asksCoc
        ? html`<div class="field">
            <label class="check"
              ><input type="checkbox" name="coc" value="yes" required data-testid="coc-accept" />
              <span>${t('group.cocAccept')} (<a href="#coc-heading">${t('group.coc')}</a>)</span></label
            >
          </div>`
        : ''
    }
    <button type="submit">${data.visibility === 'private' ? t('group.joinPrivate') : t('group.join')}</button>
  </form>`;
}

export function renderGroupPage(viewer: Viewer, data: GroupPageData): SafeHtml {
  const { t, locale } = viewer;
  const join = renderJoinBox(viewer, data);
  const feed = `/api/feeds/groups/${encodeURIComponent(data.slug)}.ics`;
  return html`<p class="eyebrow">
      ${t('group.visibility', { visibility: data.visibility })}${data.city ? html` · ${bdi(data.city)}` : ''}
    </p>
    <h1>${bdi(data.name)}</h1>
    ${data.flash ? html`<div class="banner ${data.flash.tone}" role="${data.flash.tone === 'ok' ? 'status' : 'alert'}"><p>${data.flash.text}</p></div>` : ''}
    ${data.description ? html`<p class="lede prewrap" dir="auto">${data.description}</p>` : ''}
    <div class="layout">
      <div>
        <section class="card" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">${t('group.upcoming')}</h2>
          ${renderEventList(viewer, data.events, t('group.noEvents'))}
        </section>
        ${
          data.topics && data.topics.length > 0
            ? html`<section class="card" aria-labelledby="topics-heading">
                <h2 id="topics-heading">${t('group.discussions')}</h2>
                <ul class="link-list">
                  ${data.topics.map(
                    (topic) =>
                      html`<li>
                        <a href="/topics/${topic.id}">${bdi(topic.title)}</a>
                        <span class="muted"
                          >· ${t('topic.replies', { count: topic.postCount })} ·
                          ${bdi(formatDateTime(appTime(locale, data.timezone), topic.lastActivityAt))}</span
                        >
                      </li>`,
                  )}
                </ul>
              </section>`
            : ''
        }
      </div>
      <aside>
        ${
          data.codeOfConduct
            ? html`<section class="card" aria-labelledby="coc-heading">
                <h2 id="coc-heading">${t('group.coc')}</h2>
                <p class="prewrap" dir="auto">${data.codeOfConduct}</p>
              </section>`
            : ''
        }
        <section class="card" aria-label="${t('group.join')}" data-testid="join-box">${join}</section>
        <section class="card" aria-labelledby="cal-heading">
          <h2 id="cal-heading">${t('calendar.heading')}</h2>
          ${
            data.visibility === 'private'
              ? html`<p class="muted">${t('calendar.feedsPrivate')}</p>`
              : html`<ul class="link-list">
                  <li><a href="${feed}">${t('calendar.subscribeGroup')}</a></li>
                </ul>`
          }
        </section>
      </aside>
    </div>`;
}

/**
 * The join page of a private group, which is also the page of a slug that is no group at all (the
 * two must not be told apart): nothing of the group, only a way to ask to join for someone who
 * was given the address. Asking answers the same whether or not the group exists.
 */
export function renderHiddenGroupPage(viewer: Viewer, slug: string, requested: boolean): SafeHtml {
  const { t, user } = viewer;
  const path = `/groups/${encodeURIComponent(slug)}`;
  return html`<h1>${t('error.notFoundTitle')}</h1>
    ${
      requested
        ? html`<div class="banner ok" role="status"><p>${t('group.hiddenRequested')}</p></div>`
        : html`<p>${t('group.hidden')}</p>`
    }
    ${
      user
        ? requested
          ? ''
          : html`<form method="post" action="${path}/join">
              <button type="submit">${t('group.joinPrivate')}</button>
            </form>`
        : html`<p>
            <a class="button" href="/sign-in?next=${encodeURIComponent(path)}">${t('group.signInToJoin')}</a>
          </p>`
    }`;
}

export function renderSignInPage(
  viewer: Viewer,
  next: string,
  state: 'ask' | 'sent',
  error: string | null,
): SafeHtml {
  const { t } = viewer;
  if (state === 'sent') {
    return html`<h1>${t('signIn.sent')}</h1>
      <section class="card">
        <div class="banner ok" role="status"><p>${t('signIn.sentDetail')}</p></div>
      </section>`;
  }
  return html`<h1>${t('signIn.title')}</h1>
    <section class="card">
      <p>${t('signIn.intro')}</p>
      ${error ? html`<div class="banner danger" role="alert"><p>${error}</p></div>` : ''}
      <form method="post" action="/sign-in">
        <input type="hidden" name="next" value="${next}" />
        <input type="hidden" name="lang" value="${viewer.locale}" />
        <div class="field">
          <label for="email">${t('signIn.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autocomplete="email"
            dir="ltr"
            maxlength="254"
          />
        </div>
        <button type="submit">${t('signIn.submit')}</button>
      </form>
    </section>`;
}
