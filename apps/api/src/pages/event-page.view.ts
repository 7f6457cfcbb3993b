import type { RsvpAnswer } from '@app/core';
import type { GroupVisibility } from '@app/community';
import type { MyRsvp } from '@app/rsvp';
import type { EventResponse } from '../events/event.mapper';
import { SafeHtml, html, safeHref } from './html';
import { Viewer } from './member-layout';
import { dateTile, formatRange, sameClock } from './member-time';

/** Everything the event page shows, already filtered by the API's own privacy decisions. */
export interface EventPageData {
  /** From toEventResponse: venue and join link are null when this viewer may not see them. */
  event: EventResponse;
  /** The event's setting (not its data): decides which "hidden" sentence to show. */
  locationVisibility: 'public' | 'members' | 'attendees';
  groupVisibility: GroupVisibility;
  codeOfConduct: string;
  mine: MyRsvp | null;
  /** What AttendeesService lets this viewer know: a count and/or names, or nothing. */
  goingCount: number | null;
  goingNames: string[];
  personalFeedUrl: string | null;
  flash: { tone: 'ok' | 'danger'; text: string } | null;
  now: Date;
}

const ACCESS_FLAGS = [
  'stepFreeAccess',
  'accessibleToilet',
  'allGenderToilet',
  'quietRoom',
  'seating',
  'signLanguageOnRequest',
  'captionsOnRequest',
] as const;

const hasVenue = (kind: string): boolean => kind === 'in_person' || kind === 'hybrid';
const isOnline = (kind: string): boolean => kind !== 'in_person';

/** A webcal:// twin of a feed URL, so calendar apps subscribe instead of importing once. */
export const webcal = (url: string): string => url.replace(/^https?:\/\//, 'webcal://');

export function renderEventPage(viewer: Viewer, data: EventPageData): SafeHtml {
  const { copy, locale, user } = viewer;
  const { event } = data;
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const accessibility = event.accessibility as Record<string, unknown>;
  const flags = ACCESS_FLAGS.filter((f) => accessibility[f] === true);
  const notes = typeof accessibility.notes === 'string' ? accessibility.notes : '';
  const showOwnTime = user !== null && !sameClock(user.timezone, event.timezone, start);
  const hidden = data.locationVisibility === 'members' ? 'members' : 'attendees';

  const where = hasVenue(event.kind)
    ? event.venueName || event.venueAddress
      ? html`<dd data-testid="venue">
          ${event.venueName ? html`<strong>${event.venueName}</strong><br />` : ''}${event.venueAddress ?? ''}
        </dd>`
      : event.locationHidden
        ? html`<dd>
            <p class="hidden-note" data-testid="location-hidden">
              ${hidden === 'members' ? copy.addressMembers : copy.addressHidden}
            </p>
          </dd>`
        : html`<dd>${copy.noLocation}</dd>`
    : null;
  const join = isOnline(event.kind)
    ? event.joinUrl
      ? html`<dd>
          <a class="button" data-testid="join-url" href="${safeHref(event.joinUrl)}" rel="noopener noreferrer"
            >${copy.joinOnline}</a
          >
        </dd>`
      : event.locationHidden
        ? html`<dd>
            <p class="hidden-note" data-testid="link-hidden">
              ${hidden === 'members' ? copy.linkMembers : copy.linkHidden}
            </p>
          </dd>`
        : html`<dd>${copy.noLocation}</dd>`
    : null;

  const banner =
    event.status === 'cancelled'
      ? html`<div class="banner danger" role="status">
          <p><strong>${copy.cancelled}</strong></p>
        </div>`
      : event.status === 'draft'
        ? html`<div class="banner warn"><p>${copy.draft}</p></div>`
        : end <= data.now
          ? html`<div class="banner warn"><p>${copy.ended}</p></div>`
          : null;
  const tile = dateTile(locale, start, event.timezone);

  return html` <p class="eyebrow">
      <a href="/groups/${encodeURIComponent(event.group.slug)}">${event.group.name}</a>
    </p>
    <h1>${event.title}</h1>
    <p>
      <span class="badge k-${event.kind}">${copy.kind[event.kind] ?? event.kind}</span>${
        event.seriesId ? html` <span class="badge">${copy.partOfSeries}</span>` : ''
      }
    </p>
    ${data.flash ? html`<div class="banner ${data.flash.tone}" role="${data.flash.tone === 'ok' ? 'status' : 'alert'}"><p>${data.flash.text}</p></div>` : ''}
    ${banner}
    <div class="layout event-layout">
      <div class="top">
        <section class="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading" class="visually-hidden">${copy.about}</h2>
          <div class="facts-row">
            <div class="date-tile" aria-hidden="true">
              <span class="d">${tile.day}</span><span class="m">${tile.month}</span>
            </div>
            <dl class="facts">
              <dt>${copy.when}</dt>
              <dd data-testid="when">${formatRange(locale, start, end, event.timezone)}</dd>
              ${
                showOwnTime && user
                  ? html`<dt>${copy.yourTime}</dt>
                      <dd>${formatRange(locale, start, end, user.timezone)}</dd>`
                  : ''
              }
              ${
                where
                  ? html`<dt>${copy.where}</dt>
                      ${where}`
                  : ''
              }
              ${
                join
                  ? html`<dt>${copy.joinLink}</dt>
                      ${join}`
                  : ''
              }
              ${
                event.capacity !== null
                  ? html`<dt>${copy.places}</dt>
                      <dd>${event.capacity}</dd>`
                  : ''
              }
              ${
                data.goingCount !== null
                  ? html`<dt>${copy.whoIsGoing}</dt>
                      <dd data-testid="going-count">${copy.goingCount(data.goingCount)}</dd>`
                  : ''
              }
            </dl>
          </div>
        </section>
      </div>
      <aside>${renderRsvpBox(viewer, data)} ${renderCalendarBox(viewer, data)}</aside>
      <div class="rest">
        ${
          event.description
            ? html`<section class="card" aria-labelledby="about-heading">
                <h2 id="about-heading">${copy.about}</h2>
                <p class="prewrap" dir="auto">${event.description}</p>
              </section>`
            : ''
        }
        ${
          flags.length > 0 || notes
            ? html`<section class="card" aria-labelledby="access-heading">
                <h2 id="access-heading">${copy.accessibility}</h2>
                ${
                  flags.length
                    ? html`<ul class="ticks">
                        ${flags.map((f) => html`<li>${copy.access[f]}</li>`)}
                      </ul>`
                    : ''
                }
                ${notes ? html`<p class="prewrap" dir="auto">${notes}</p>` : ''}
              </section>`
            : ''
        }
        ${
          data.goingNames.length > 0
            ? html`<section class="card" aria-labelledby="going-heading">
                <h2 id="going-heading">${copy.whoIsGoing}</h2>
                <ul class="ticks">
                  ${data.goingNames.map((n) => html`<li dir="auto">${n}</li>`)}
                </ul>
              </section>`
            : ''
        }
        ${event.topicId ? html`<p><a href="/topics/${event.topicId}">${copy.discussion}</a></p>` : ''}
      </div>
    </div>`;
}

function renderRsvpBox(viewer: Viewer, data: EventPageData): SafeHtml {
  const { copy, user } = viewer;
  const { event, mine } = data;
  const open = event.status === 'scheduled' && new Date(event.endsAt) > data.now;
  const closed = event.rsvpClosesAt !== null && new Date(event.rsvpClosesAt) <= data.now;
  if (!open) {
    return mine
      ? html`<section class="card rsvp" aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">${copy.rsvpHeading}</h2>
          <p class="status-line" data-testid="my-status">${copy.status[mine.status] ?? mine.status}</p>
        </section>`
      : html``;
  }
  if (!user) {
    return html`<section class="card rsvp" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">${copy.rsvpHeading}</h2>
      <p>${copy.rsvpSignedOut}</p>
      <p>
        <a class="button" href="/sign-in?next=${encodeURIComponent(viewer.path.split('?')[0])}"
          >${copy.rsvpSignInLink}</a
        >
      </p>
      <p class="muted">${copy.rsvpEmailHint}</p>
    </section>`;
  }
  const status = mine?.status ?? null;
  const questions = (event.questions as Array<{ id: string; label: string; required: boolean }>) ?? [];
  const needsCoc = event.cocRequired && !mine?.cocAcknowledged;
  const answer = (value: RsvpAnswer, label: string, secondary: boolean) =>
    html`<button
      type="submit"
      name="status"
      value="${value}"
      ${
        secondary ? new SafeHtml(' class="secondary"') : ''
      }${status === value || (value === 'going' && status !== null && ['waitlisted', 'pending_approval'].includes(status)) ? new SafeHtml(' aria-pressed="true"') : ''}
    >
      ${label}
    </button>`;
  return html`<section class="card rsvp" aria-labelledby="rsvp-heading">
    <h2 id="rsvp-heading">${copy.rsvpHeading}</h2>
    ${
      status
        ? html`<p class="status-line" data-testid="my-status" data-status="${status}">
              ${copy.status[status] ?? status}
            </p>
            <p class="muted">
              ${copy.statusDetail[status] ?? ''}${
                status === 'waitlisted' && mine?.waitlistPosition
                  ? html` ${copy.waitlistPosition(mine.waitlistPosition)}`
                  : ''
              }
            </p>`
        : html`<p class="muted" data-testid="my-status" data-status="none">${copy.noAnswerYet}</p>`
    }
    ${
      closed
        ? html`<p>${copy.rsvpClosed}</p>`
        : html`<form method="post" action="/events/${event.id}/rsvp">
            ${
              event.kind === 'hybrid'
                ? html`<fieldset>
                    <legend>${copy.mode}</legend>
                    <label class="check"
                      ><input
                        type="radio"
                        name="mode"
                        value="in_person"
                        ${mine?.mode !== 'online' ? new SafeHtml(' checked') : ''}
                      />
                      ${copy.modeInPerson}</label
                    >
                    <label class="check"
                      ><input
                        type="radio"
                        name="mode"
                        value="online"
                        ${mine?.mode === 'online' ? new SafeHtml(' checked') : ''}
                      />
                      ${copy.modeOnline}</label
                    >
                  </fieldset>`
                : ''
            }
            ${
              event.guestsAllowed > 0
                ? html`<div class="field">
                    <label for="guests">${copy.guests(event.guestsAllowed)}</label>
                    <input
                      id="guests"
                      name="guests"
                      type="number"
                      min="0"
                      max="${event.guestsAllowed}"
                      value="${mine?.guests ?? 0}"
                    />
                  </div>`
                : ''
            }
            ${questions.map(
              (q) =>
                html`<div class="field">
                  <label for="q-${q.id}"
                    >${q.label}${q.required ? html` <span class="muted">${copy.required}</span>` : ''}</label
                  >
                  <input
                    id="q-${q.id}"
                    name="answer_${q.id}"
                    maxlength="2000"
                    value="${mine?.answers?.[q.id] ?? ''}"
                  />
                </div>`,
            )}
            ${
              needsCoc
                ? html`<details>
                      <summary>${copy.coc}</summary>
                      <p class="prewrap" dir="auto">${data.codeOfConduct}</p>
                    </details>
                    <label class="check"
                      ><input type="checkbox" name="coc" value="yes" /> ${copy.cocAccept}</label
                    >`
                : ''
            }
            <div class="answers">
              ${answer('going', copy.going, false)} ${answer('maybe', copy.maybe, true)}
              ${answer('declined', copy.cantGo, true)}
            </div>
          </form>`
    }
  </section>`;
}

function renderCalendarBox(viewer: Viewer, data: EventPageData): SafeHtml {
  const { copy } = viewer;
  const { event } = data;
  const publicFeeds = data.groupVisibility !== 'private';
  const origin = data.personalFeedUrl ? new URL(data.personalFeedUrl).origin : '';
  const groupFeed = `/api/feeds/groups/${encodeURIComponent(event.group.slug)}.ics`;
  const seriesFeed = event.seriesId ? `/api/feeds/series/${event.seriesId}.ics` : null;
  return html`<section class="card" aria-labelledby="calendar-heading">
    <h2 id="calendar-heading">${copy.calendarHeading}</h2>
    <ul class="link-list">
      <li>
        <a href="/api/events/${event.id}/calendar.ics" download="event.ics" data-testid="add-to-calendar"
          >${copy.addToCalendar}</a
        >
      </li>
      ${publicFeeds ? html`<li><a href="${groupFeed}">${copy.subscribeGroup}</a>${origin ? html` · <a href="${webcal(origin + groupFeed)}">webcal</a>` : ''}</li>` : ''}
      ${publicFeeds && seriesFeed ? html`<li><a href="${seriesFeed}">${copy.subscribeSeries}</a></li>` : ''}
      ${
        data.personalFeedUrl
          ? html`<li>
              <a href="${webcal(data.personalFeedUrl)}">${copy.personalFeed}</a><br /><span class="muted"
                >${copy.personalFeedHint}</span
              >
              <code class="feed" dir="ltr">${data.personalFeedUrl}</code>
            </li>`
          : ''
      }
    </ul>
    ${publicFeeds ? '' : html`<p class="muted">${copy.feedsPrivate}</p>`}
  </section>`;
}
