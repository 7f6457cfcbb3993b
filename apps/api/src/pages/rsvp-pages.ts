import { appTime, formatRangeWithZone } from '@app/i18n';
import type { RsvpLinkAnswer } from '@app/events';
import type { RsvpLinkView } from '@app/inbound';
import { SafeHtml, html } from './html';
import { renderPage, smallPageT as t } from './page';
import { RSVP_ANSWERS } from '@app/core';

const action = (token: string): string => `/rsvp/${encodeURIComponent(token)}`;
const SECONDARY = new SafeHtml(' style="background:#fff;color:#7a3e9d;border:1px solid #7a3e9d"');
const BR = new SafeHtml('<br>');

function form(
  token: string,
  answer: RsvpLinkAnswer,
  label: string,
  extra: Record<string, string> = {},
  primary = true,
): SafeHtml {
  // prettier-ignore
  const hidden = Object.entries({ answer, ...extra }).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  // prettier-ignore
  return html`<form method="post" action="${action(token)}">${hidden}<p><button type="submit"${primary ? '' : SECONDARY}>${label}</button></p></form>`;
}

/** Buttons for one answer; a hybrid event asks in person or online when going. */
function answerButtons(token: string, answer: RsvpLinkAnswer, hybrid: boolean, primary: boolean): SafeHtml {
  if (answer === 'going' && hybrid) {
    const inPerson = form(token, 'going', t('rsvpLink.goingInPerson'), { mode: 'in_person' }, primary);
    const online = form(token, 'going', t('rsvpLink.goingOnline'), { mode: 'online' }, primary);
    return html`${inPerson}${online}`;
  }
  const label = t('rsvpLink.answer', { answer });
  return form(token, answer, primary ? t('rsvpLink.confirmAnswer', { label }) : label, {}, primary);
}

function eventSummary(view: RsvpLinkView): SafeHtml {
  const when = formatRangeWithZone(appTime('en', view.timeZone), view.startsAt, view.endsAt);
  // prettier-ignore
  return html`<p><strong>${view.title}</strong><br>${view.groupName}</p>
<p><time datetime="${view.startsAt.toISOString()}">${when}</time></p>`;
}

/** GET/HEAD: shows the event and asks for a press; nothing changes until the POST. */
export function renderConfirmPage(token: string, view: RsvpLinkView, chosen: RsvpLinkAnswer | null): string {
  const status = view.myRsvp ? t('rsvpLink.status', { status: view.myRsvp }) : null;
  // prettier-ignore
  const current = status ? html`<p>${t('rsvpLink.soFar')} <strong>${status}</strong>.</p>` : '';
  if (view.eventStatus !== 'scheduled') {
    const notOpen = t('rsvpLink.notOpen', { status: view.eventStatus });
    return renderPage(
      view.title,
      html`${eventSummary(view)}
        <p class="error">${notOpen}</p>`,
    );
  }
  const hybrid = view.kind === 'hybrid';
  const first = chosen ?? 'going';
  const others = RSVP_ANSWERS.filter((a) => a !== first).map(
    (a, i) => html`${i > 0 ? '\n' : ''}${answerButtons(token, a, hybrid, false)}`,
  );
  // prettier-ignore
  return renderPage(
    t('rsvpLink.title'),
    html`${eventSummary(view)}${current}
<p>${t(chosen ? 'rsvpLink.pressToConfirm' : 'rsvpLink.pressToAnswer')}</p>
${answerButtons(token, first, hybrid, true)}
<p>${t('rsvpLink.orDifferently')}</p>
${others}`,
  );
}

/** The result of an applied answer, with an "add to calendar" download for anything but a no. */
export function renderResultPage(token: string, status: string): string {
  // prettier-ignore
  const calendar = status === 'declined' ? '' : html`<p><a href="${action(token)}/calendar.ics" download="event.ics">${t('rsvpLink.addToCalendar')}</a></p>`;
  const text = t('rsvpLink.resultText', { status });
  return renderPage(
    t('rsvpLink.resultTitle', { status }),
    html`<p>${text}</p>
      ${calendar}`,
  );
}

/** Code of conduct first: its text, and a button that sends the same answer again with the agreement. */
export function renderCocPage(
  token: string,
  answer: RsvpLinkAnswer,
  codeOfConduct: string,
  mode: string | undefined,
): string {
  const paragraphs = codeOfConduct
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p, i) => {
      const lines = p.split('\n').map((line, j) => html`${j > 0 ? BR : ''}${line}`);
      return html`${i > 0 ? '\n' : ''}
        <p>${lines}</p>`;
    });
  const agree = form(token, answer, t('rsvpLink.cocAgree'), { coc: 'yes', ...(mode ? { mode } : {}) });
  // prettier-ignore
  return renderPage(
    t('rsvpLink.cocTitle'),
    html`<p>${t('rsvpLink.cocIntro')}</p>
<section aria-label="${t('rsvpLink.cocTitle')}" style="border-left:4px solid #7a3e9d;padding-left:1rem">${paragraphs.length > 0 ? paragraphs : html`<p>${t('rsvpLink.cocEmpty')}</p>`}</section>
${agree}`,
  );
}

export function renderModePage(token: string, answer: RsvpLinkAnswer): string {
  const inPerson = form(token, answer, t('rsvp.modeInPerson'), { mode: 'in_person' });
  const online = form(token, answer, t('rsvp.modeOnline'), { mode: 'online' });
  // prettier-ignore
  return renderPage(
    t('rsvpLink.modeTitle'),
    html`<p>${t('rsvpLink.modeText')}</p>
${inPerson}${online}`,
  );
}

export function renderMessagePage(
  title: string,
  message: string,
  link?: { href: string; label: string },
): string {
  const more = link ? html`<p><a href="${link.href}">${link.label}</a></p>` : '';
  return renderPage(
    title,
    html`<p class="error">${message}</p>
      ${more}`,
  );
}

export const INVALID_LINK_PAGE = renderMessagePage(t('rsvpLink.invalidTitle'), t('rsvpLink.invalidText'));
export const EXPIRED_LINK_PAGE = renderMessagePage(t('rsvpLink.expiredTitle'), t('rsvpLink.expiredText'));
