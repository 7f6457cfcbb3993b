import { RSVP_ANSWERS } from '@app/core';
import type { RsvpLinkAnswer } from '@app/events';
import { appTime, formatRangeWithZone } from '@app/i18n';
import type { RsvpLinkView } from '@app/inbound';
import type { WaitlistWarning } from '@app/rsvp';
import { toEventResponse } from '../events/event.mapper';
import { whereAndJoin } from './event-page.view';
import { SafeHtml, html } from './html';
import { Viewer, memberPage } from './member-layout';
import { waitlistPlace, waitlistWarnings } from './waitlist-warning.view';

/** The one-click answer pages, in the member layout and the recipient's language (see rsvp-pages.controller). */

export const rsvpAction = (token: string): string => `/rsvp/${encodeURIComponent(token)}`;
const SECONDARY = new SafeHtml(' class="secondary"');
const BR = new SafeHtml('<br>');

/** What every answer page needs: who reads it, the link's token, and the language to keep on posts. */
export interface RsvpPage {
  viewer: Viewer;
  token: string;
  /** `?lang=xx` when the reader chose a language on this page (kept on the forms' action). */
  langQuery: string;
}

function form(
  page: RsvpPage,
  answer: RsvpLinkAnswer,
  label: string,
  extra: Record<string, string> = {},
  primary = true,
): SafeHtml {
  // prettier-ignore
  const hidden = Object.entries({ answer, ...extra }).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  // prettier-ignore
  return html`<form method="post" action="${rsvpAction(page.token)}${page.langQuery}">${hidden}<p><button type="submit"${primary ? '' : SECONDARY}>${label}</button></p></form>`;
}

/** Buttons for one answer; a hybrid event asks in person or online when going. */
function answerButtons(page: RsvpPage, answer: RsvpLinkAnswer, hybrid: boolean, primary: boolean): SafeHtml {
  const { t } = page.viewer;
  if (answer === 'going' && hybrid) {
    const inPerson = form(page, 'going', t('rsvpLink.goingInPerson'), { mode: 'in_person' }, primary);
    const online = form(page, 'going', t('rsvpLink.goingOnline'), { mode: 'online' }, primary);
    return html`${inPerson}${online}`;
  }
  const label = t('rsvpLink.answer', { answer });
  return form(page, answer, primary ? t('rsvpLink.confirmAnswer', { label }) : label, {}, primary);
}

/** The event's title and group, and its time in the event's zone and (when it has one) the member's. */
function eventSummary(viewer: Viewer, view: RsvpLinkView): SafeHtml {
  const { t, locale } = viewer;
  const range = (zone: string): string =>
    formatRangeWithZone(appTime(locale, zone), view.startsAt, view.endsAt);
  const own = view.memberTimeZone && view.memberTimeZone !== view.eventTimeZone ? view.memberTimeZone : null;
  // prettier-ignore
  return html`<p class="eyebrow" dir="auto">${view.groupName}</p>
<h1 dir="auto">${view.title}</h1>
<section class="card" aria-label="${t('event.when')}"><dl class="facts">
<dt>${t('rsvpLink.eventTime')}</dt><dd data-testid="event-time"><time dir="auto" datetime="${view.startsAt.toISOString()}">${range(view.eventTimeZone)}</time></dd>
${own ? html`<dt>${t('rsvpLink.yourTime')}</dt><dd data-testid="member-time"><time dir="auto" datetime="${view.startsAt.toISOString()}">${range(own)}</time></dd>` : ''}
</dl></section>`;
}

/** GET/HEAD: shows the event and asks for a press; nothing changes until the POST. */
export function renderConfirmPage(
  page: RsvpPage,
  view: RsvpLinkView,
  chosen: RsvpLinkAnswer | null,
  outlook: { warnings: WaitlistWarning[]; position: number | null },
): string {
  const { viewer } = page;
  const { t } = viewer;
  const status = view.myRsvp ? t('rsvpLink.status', { status: view.myRsvp }) : null;
  // prettier-ignore
  const current = status ? html`<p>${t('rsvpLink.soFar')} <strong>${status}</strong>. ${waitlistPlace(viewer, outlook.position)}</p>` : '';
  if (view.eventStatus !== 'scheduled') {
    const notOpen = t('rsvpLink.notOpen', { status: view.eventStatus });
    return memberPage(
      viewer,
      view.title,
      html`${eventSummary(viewer, view)}
        <div class="banner danger" role="status"><p>${notOpen}</p></div>`,
    );
  }
  const hybrid = view.kind === 'hybrid';
  const first = chosen ?? 'going';
  const others = RSVP_ANSWERS.filter((a) => a !== first).map(
    (a, i) => html`${i > 0 ? '\n' : ''}${answerButtons(page, a, hybrid, false)}`,
  );
  // prettier-ignore
  return memberPage(
    viewer,
    view.title,
    html`${eventSummary(viewer, view)}
<section class="card rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">${t('rsvpLink.title')}</h2>${current}
${waitlistWarnings(viewer, outlook.warnings)}
<p>${t(chosen ? 'rsvpLink.pressToConfirm' : 'rsvpLink.pressToAnswer')}</p>
${answerButtons(page, first, hybrid, true)}
<p>${t('rsvpLink.orDifferently')}</p>
${others}</section>
<p><a href="/events/${view.eventId}" data-testid="event-link">${t('rsvpLink.openEvent')}</a></p>`,
  );
}

/**
 * The result of an applied answer, read back after it was saved: the place in line actually held,
 * the venue and join link when this person may now see them (the API's own rule, toEventResponse),
 * an "add to calendar" download for anything but a no, and the event page.
 */
export function renderResultPage(
  page: RsvpPage,
  view: RsvpLinkView,
  status: string,
  position: number | null,
): string {
  const { viewer, token } = page;
  const { t } = viewer;
  const event = toEventResponse(view.context);
  const { where, join } = whereAndJoin(viewer, {
    event,
    locationVisibility: view.context.event.locationVisibility,
  });
  const place =
    status === 'declined'
      ? ''
      : html`${
          where
            ? html`<dt>${t('event.where')}</dt>
                ${where}`
            : ''
        }${
          join
            ? html`<dt>${t('event.joinLink')}</dt>
                ${join}`
            : ''
        }`;
  // prettier-ignore
  const calendar = status === 'declined' ? '' : html`<li><a href="${rsvpAction(token)}/calendar.ics" download="event.ics" data-testid="add-to-calendar">${t('rsvpLink.addToCalendar')}</a></li>`;
  const tone = status === 'going' ? 'ok' : status === 'declined' ? '' : 'warn';
  // prettier-ignore
  return memberPage(
    viewer,
    t('rsvpLink.resultTitle', { status }),
    html`${eventSummary(viewer, view)}
<div class="banner ${tone}" role="status" data-testid="my-status" data-status="${status}"><p><strong>${t('rsvpLink.resultTitle', { status })}</strong></p>
<p>${t('rsvpLink.resultText', { status })} ${waitlistPlace(viewer, position)}</p></div>
<section class="card" aria-labelledby="next-heading"><h2 id="next-heading">${t('rsvpLink.afterAnswer')}</h2>
${place ? html`<dl class="facts">${place}</dl>` : ''}
<ul class="link-list">${calendar}
<li><a href="/events/${view.eventId}" data-testid="event-link">${t('rsvpLink.openEvent')}</a></li>
<li><a href="${rsvpAction(token)}${page.langQuery}">${t('rsvp.changeAnswer')}</a></li></ul></section>`,
  );
}

/** Code of conduct first: its text, and a button that sends the same answer again with the agreement. */
export function renderCocPage(
  page: RsvpPage,
  answer: RsvpLinkAnswer,
  codeOfConduct: string,
  mode: string | undefined,
): string {
  const { t } = page.viewer;
  const paragraphs = codeOfConduct
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p, i) => {
      const lines = p.split('\n').map((line, j) => html`${j > 0 ? BR : ''}${line}`);
      return html`${i > 0 ? '\n' : ''}
        <p dir="auto">${lines}</p>`;
    });
  const agree = form(page, answer, t('rsvpLink.cocAgree'), { coc: 'yes', ...(mode ? { mode } : {}) });
  // prettier-ignore
  return memberPage(
    page.viewer,
    t('rsvpLink.cocTitle'),
    html`<h1>${t('rsvpLink.cocTitle')}</h1>
<p>${t('rsvpLink.cocIntro')}</p>
<section class="card" aria-label="${t('rsvpLink.cocTitle')}">${paragraphs.length > 0 ? paragraphs : html`<p>${t('rsvpLink.cocEmpty')}</p>`}</section>
${agree}`,
  );
}

export function renderModePage(page: RsvpPage, answer: RsvpLinkAnswer): string {
  const { t } = page.viewer;
  const inPerson = form(page, answer, t('rsvp.modeInPerson'), { mode: 'in_person' });
  const online = form(page, answer, t('rsvp.modeOnline'), { mode: 'online' });
  // prettier-ignore
  return memberPage(
    page.viewer,
    t('rsvpLink.modeTitle'),
    html`<h1>${t('rsvpLink.modeTitle')}</h1>
<p>${t('rsvpLink.modeText')}</p>
${inPerson}${online}`,
  );
}

/** A refusal or an unusable link: what happened and, when known, a way on. */
export function renderMessagePage(
  viewer: Viewer,
  title: string,
  message: string,
  link?: { href: string; label: string },
): string {
  const more = link ? html`<p><a href="${link.href}">${link.label}</a></p>` : '';
  return memberPage(
    viewer,
    title,
    html`<h1>${title}</h1>
      <div class="banner danger" role="alert"><p>${message}</p></div>
      ${more}`,
  );
}
