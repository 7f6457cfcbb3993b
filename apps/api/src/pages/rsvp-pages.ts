import { RSVP_ANSWERS, escapeHtml } from '@app/core';
import { RsvpLinkAnswer } from '@app/events';
import { RsvpLinkView } from '@app/inbound';
import { renderPage } from './page';

const LABEL: Record<RsvpLinkAnswer, string> = { going: "I'm going", maybe: 'Maybe', declined: "Can't go" };
const STATUS_TEXT: Record<string, string> = {
  going: 'going',
  maybe: 'maybe',
  declined: 'not going',
  waitlisted: 'on the waitlist',
  pending_approval: 'waiting for approval',
};

const action = (token: string) => `/rsvp/${encodeURIComponent(token)}`;

function form(
  token: string,
  answer: RsvpLinkAnswer,
  label: string,
  extra: Record<string, string> = {},
  primary = true,
): string {
  const hidden = Object.entries({ answer, ...extra })
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const style = primary ? '' : ' style="background:#fff;color:#7a3e9d;border:1px solid #7a3e9d"';
  return `<form method="post" action="${escapeHtml(action(token))}">${hidden}<p><button type="submit"${style}>${escapeHtml(label)}</button></p></form>`;
}

/** Buttons for one answer; a hybrid event asks in person or online when going. */
function answerButtons(token: string, answer: RsvpLinkAnswer, hybrid: boolean, primary: boolean): string {
  if (answer === 'going' && hybrid) {
    return (
      form(token, 'going', "I'm going, in person", { mode: 'in_person' }, primary) +
      form(token, 'going', "I'm going, online", { mode: 'online' }, primary)
    );
  }
  return form(token, answer, primary ? `Confirm: ${LABEL[answer]}` : LABEL[answer], {}, primary);
}

export function formatWhen(view: Pick<RsvpLinkView, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const full = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: view.timeZone,
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: view.timeZone });
  const sameDay = day.format(view.startsAt) === day.format(view.endsAt);
  const end = sameDay
    ? new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: view.timeZone }).format(view.endsAt)
    : full.format(view.endsAt);
  return `${full.format(view.startsAt)} – ${end} (${view.timeZone})`;
}

function eventSummary(view: RsvpLinkView): string {
  return `<p><strong>${escapeHtml(view.title)}</strong><br>${escapeHtml(view.groupName)}</p>
<p><time datetime="${view.startsAt.toISOString()}">${escapeHtml(formatWhen(view))}</time></p>`;
}

/** GET/HEAD: shows the event and asks for a press; nothing changes until the POST. */
export function renderConfirmPage(token: string, view: RsvpLinkView, chosen: RsvpLinkAnswer | null): string {
  const current = view.myRsvp
    ? `<p>Your answer so far: <strong>${escapeHtml(STATUS_TEXT[view.myRsvp] ?? view.myRsvp)}</strong>.</p>`
    : '';
  if (view.eventStatus !== 'scheduled') {
    return renderPage(
      view.title,
      `${eventSummary(view)}<p class="error">This event is ${view.eventStatus === 'cancelled' ? 'cancelled' : 'not open'}; there is nothing to answer.</p>`,
    );
  }
  const hybrid = view.kind === 'hybrid';
  const first = chosen ?? 'going';
  const others = RSVP_ANSWERS.filter((a) => a !== first);
  return renderPage(
    'Your answer',
    `${eventSummary(view)}${current}
<p>Press the button to ${chosen ? 'confirm your answer' : 'answer'}. Nothing changes until you do.</p>
${answerButtons(token, first, hybrid, true)}
<p>Or answer differently:</p>
${others.map((a) => answerButtons(token, a, hybrid, false)).join('\n')}`,
  );
}

/** The result of an applied answer, with an "add to calendar" download for anything but a no. */
export function renderResultPage(token: string, status: string): string {
  const titles: Record<string, [string, string]> = {
    going: ["You're going", 'Your place is confirmed. We will send you updates if anything changes.'],
    maybe: ['You answered maybe', 'We will keep you posted about changes.'],
    declined: ["You're not going", 'Thanks for letting us know.'],
    waitlisted: [
      "You're on the waitlist",
      'The event is full right now. We will email you if a place frees up; your calendar will update then.',
    ],
    pending_approval: [
      'Waiting for approval',
      'The organizers approve places for this event. We will email you once they have decided.',
    ],
  };
  const [title, text] = titles[status] ?? ['Answer saved', ''];
  const calendar =
    status === 'declined'
      ? ''
      : `<p><a href="${escapeHtml(`${action(token)}/calendar.ics`)}" download="event.ics">Add to calendar</a></p>`;
  return renderPage(title, `<p>${escapeHtml(text)}</p>${calendar}`);
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
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return renderPage(
    'Code of conduct',
    `<p>This group asks everyone to read and accept its code of conduct before answering.</p>
<section aria-label="Code of conduct" style="border-left:4px solid #7a3e9d;padding-left:1rem">${paragraphs || '<p>(The group has not written it out yet.)</p>'}</section>
${form(token, answer, 'I agree', { coc: 'yes', ...(mode ? { mode } : {}) })}`,
  );
}

export function renderModePage(token: string, answer: RsvpLinkAnswer): string {
  return renderPage(
    'In person or online?',
    `<p>This event happens both in person and online. How will you join?</p>
${form(token, answer, 'In person', { mode: 'in_person' })}${form(token, answer, 'Online', { mode: 'online' })}`,
  );
}

export function renderMessagePage(
  title: string,
  message: string,
  link?: { href: string; label: string },
): string {
  const more = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  return renderPage(title, `<p class="error">${escapeHtml(message)}</p>${more}`);
}

export const INVALID_LINK_PAGE = renderMessagePage(
  'This link is not valid',
  'This answer link is damaged or was not made for this site. Open the link from your invitation email again, or answer from the event page.',
);
export const EXPIRED_LINK_PAGE = renderMessagePage(
  'This link has expired',
  'This answer link is too old, or the event is no longer available. Open a more recent invitation email, or answer from the event page.',
);
