import type { EventPageData } from './event-page.view';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';
import { waitlistPlace, waitlistWarnings } from './waitlist-warning.view';

type Mine = EventPageData['mine'];
type Answer = 'going' | 'maybe' | 'declined';

/** The viewer's answer and what it means (waitlist position included), or "not answered yet". */
function statusLines(viewer: Viewer, mine: Mine): SafeHtml {
  const { t } = viewer;
  const status = mine?.status ?? null;
  if (!status) {
    return html`<p class="muted" data-testid="my-status" data-status="none">${t('rsvp.noAnswerYet')}</p>`;
  }
  return html`<p class="status-line" data-testid="my-status" data-status="${status}">
      ${t('rsvp.status', { status: status })}
    </p>
    <p class="muted">
      ${t('rsvp.statusDetail', { status: status })}${
        status === 'waitlisted' && mine?.waitlistPosition
          ? html` ${waitlistPlace(viewer, mine.waitlistPosition)}`
          : ''
      }
    </p>`;
}

/** In person or online, for a hybrid event. */
function modeFieldset(viewer: Viewer, mine: Mine): SafeHtml {
  const { t } = viewer;
  return html`<fieldset>
    <legend>${t('rsvp.mode')}</legend>
    <label class="check"
      ><input
        type="radio"
        name="mode"
        value="in_person"
        ${mine?.mode !== 'online' ? new SafeHtml(' checked') : ''}
      />
      ${t('rsvp.modeInPerson')}</label
    >
    <label class="check"
      ><input
        type="radio"
        name="mode"
        value="online"
        ${mine?.mode === 'online' ? new SafeHtml(' checked') : ''}
      />
      ${t('rsvp.modeOnline')}</label
    >
  </fieldset>`;
}

/** Guests, the organizers' questions (fields answer_<id>), and the code of conduct when still needed. */
function extraFields(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t } = viewer;
  const { event, mine } = data;
  const questions = (event.questions as Array<{ id: string; label: string; required: boolean }>) ?? [];
  const needsCoc = event.cocRequired && !mine?.cocAcknowledged;
  return html`${
    event.guestsAllowed > 0
      ? html`<div class="field">
          <label for="guests">${t('rsvp.guests', { max: event.guestsAllowed })}</label>
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
          >${q.label}${q.required ? html` <span class="muted">${t('rsvp.required')}</span>` : ''}</label
        >
        <input id="q-${q.id}" name="answer_${q.id}" maxlength="2000" value="${mine?.answers?.[q.id] ?? ''}" />
      </div>`,
  )}
  ${
    needsCoc
      ? html`<details>
            <summary>${t('rsvp.coc')}</summary>
            <p class="prewrap" dir="auto">${data.codeOfConduct}</p>
          </details>
          <label class="check"
            ><input type="checkbox" name="coc" value="yes" /> ${t('rsvp.cocAccept')}</label
          >`
      : ''
  }`;
}

/** One of Going / Maybe / Can't go; pressed when it is the viewer's answer (a waitlist place counts as going). */
function answerButton(status: string | null, value: Answer, label: string, secondary: boolean): SafeHtml {
  const pressed =
    status === value ||
    (value === 'going' && status !== null && ['waitlisted', 'pending_approval'].includes(status));
  return html`<button
    type="submit"
    name="status"
    value="${value}"
    ${secondary ? new SafeHtml(' class="secondary"') : ''}${pressed ? new SafeHtml(' aria-pressed="true"') : ''}
  >
    ${label}
  </button>`;
}

function rsvpForm(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t } = viewer;
  const { event, mine } = data;
  const status = mine?.status ?? null;
  return html`<form method="post" action="/events/${event.id}/rsvp">
    ${waitlistWarnings(viewer, data.waitlistWarnings)}
    ${event.kind === 'hybrid' ? modeFieldset(viewer, mine) : ''} ${extraFields(viewer, data)}
    <div class="answers">
      ${answerButton(status, 'going', t('rsvp.going'), false)}
      ${answerButton(status, 'maybe', t('rsvp.maybe'), true)}
      ${answerButton(status, 'declined', t('rsvp.cantGo'), true)}
    </div>
  </form>`;
}

/** Past, cancelled or draft: only the viewer's own answer, if any. */
function closedBox(viewer: Viewer, mine: Mine): SafeHtml {
  const { t } = viewer;
  return mine
    ? html`<section class="card rsvp" aria-labelledby="rsvp-heading">
        <h2 id="rsvp-heading">${t('rsvp.heading')}</h2>
        <p class="status-line" data-testid="my-status">${t('rsvp.status', { status: mine.status })}</p>
      </section>`
    : html``;
}

function signedOutBox(viewer: Viewer): SafeHtml {
  const { t } = viewer;
  return html`<section class="card rsvp" aria-labelledby="rsvp-heading">
    <h2 id="rsvp-heading">${t('rsvp.heading')}</h2>
    <p>${t('rsvp.signedOut')}</p>
    <p>
      <a class="button" href="/sign-in?next=${encodeURIComponent(viewer.path.split('?')[0])}"
        >${t('rsvp.signInLink')}</a
      >
    </p>
    <p class="muted">${t('rsvp.emailHint')}</p>
  </section>`;
}

/** "Will you come?": the viewer's answer and the form to give or change it (a POST to /events/:id/rsvp). */
export function renderRsvpBox(viewer: Viewer, data: EventPageData): SafeHtml {
  const { t, user } = viewer;
  const { event, mine } = data;
  const open = event.status === 'scheduled' && new Date(event.endsAt) > data.now;
  if (!open) return closedBox(viewer, mine);
  if (!user) return signedOutBox(viewer);
  const closed = event.rsvpClosesAt !== null && new Date(event.rsvpClosesAt) <= data.now;
  return html`<section class="card rsvp" aria-labelledby="rsvp-heading">
    <h2 id="rsvp-heading">${t('rsvp.heading')}</h2>
    ${statusLines(viewer, mine)} ${closed ? html`<p>${t('rsvp.closed')}</p>` : rsvpForm(viewer, data)}
  </section>`;
}
