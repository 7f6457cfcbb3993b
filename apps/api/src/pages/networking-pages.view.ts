import type { LiveView, MetPerson } from '@app/networking';
import { SafeHtml, html, safeHref } from './html';
import { Viewer, memberPage } from './member-layout';
import { appTime, formatDateTime } from '@app/i18n';
import { NETWORKING_COPY, NetworkingCopy } from './networking-copy';

export interface LivePageData {
  eventId: string;
  title: string;
  live: LiveView;
  going: boolean;
  flash: string | null;
}

/** Seconds between reloads of the page without JavaScript (with it, Server-Sent Events drive it). */
export const LIVE_REFRESH_SECONDS = 15;

function phaseLine(c: NetworkingCopy, live: LiveView): string {
  if (live.phase === 'not_started') return c.notStarted;
  if (live.phase === 'paused') return c.paused;
  if (live.phase === 'ended') return c.ended;
  if (live.phase === 'break') return c.inBreak;
  return c.roundOf(live.round, live.rounds);
}

function roomCard(c: NetworkingCopy, live: LiveView): SafeHtml {
  if (live.phase !== 'round' || !live.me?.present) return html``;
  if (!live.room) return html`<div class="card"><p>${c.notSeated}</p></div>`;
  const people = live.room.people.map(
    (p) =>
      html`<li data-person="${p.userId}">
        <strong>${p.shownName}</strong>${p.intro ? html` — <span>${p.intro}</span>` : ''}
        ${p.sharedInterests.length > 0 ? html`<br /><span class="muted">${c.sharedInterests}: ${p.sharedInterests.join(', ')}</span>` : ''}
      </li>`,
  );
  return html`<div class="card" id="room">
    <p>
      <a class="button" href="${safeHref(live.room.url)}" rel="noopener noreferrer" target="_blank"
        >${c.joinRoom}</a
      >
    </p>
    <h2>${c.inYourRoom}</h2>
    ${
      people.length > 0
        ? html`<ul class="plain">
            ${people}
          </ul>`
        : html`<p>${c.nobodyYet}</p>`
    }
  </div>`;
}

function optInForm(c: NetworkingCopy, d: LivePageData): SafeHtml {
  if (!d.going) return html`<div class="banner warn"><p>${c.goingOnly}</p></div>`;
  const tags = d.live.interestTags.map(
    (t) => html`<label><input type="checkbox" name="interests" value="${t}" /> ${t}</label> `,
  );
  return html`<form class="card" method="post" action="/events/${d.eventId}/networking/participation">
    <h2>${c.optInHeading}</h2>
    <p>${c.optInLead}</p>
    <fieldset>
      <legend>${c.showAs}</legend>
      <label><input type="radio" name="showAs" value="display_name" checked /> ${c.showDisplayName}</label>
      <label><input type="radio" name="showAs" value="pseudonym" /> ${c.showPseudonym}</label>
    </fieldset>
    <p>
      <label>${c.pseudonym} <input name="pseudonym" maxlength="60" /></label>
    </p>
    <p>
      <label>${c.intro} <input name="intro" maxlength="140" /></label>
    </p>
    ${
      tags.length > 0
        ? html`<fieldset>
            <legend>${c.interests}</legend>
            ${tags}
          </fieldset>`
        : ''
    }
    <p><button type="submit">${c.join}</button></p>
  </form>`;
}

function presenceForm(c: NetworkingCopy, d: LivePageData): SafeHtml {
  const me = d.live.me;
  if (!me || d.live.phase === 'ended') return html``;
  const action = `/events/${d.eventId}/networking/presence`;
  if (!me.present)
    return html`<form method="post" action="${action}">
      <p>${c.hereNote}</p>
      <input type="hidden" name="here" value="yes" /><button type="submit">${c.imHere}</button>
    </form>`;
  return html`<form method="post" action="${action}">
    <input type="hidden" name="here" value="no" /><button class="secondary" type="submit">${c.leave}</button>
  </form>`;
}

/** The live page: phase, countdown, my room; SSE reloads it on a change, a refresh without JavaScript. */
export function renderLivePage(viewer: Viewer, d: LivePageData): string {
  const c = NETWORKING_COPY[viewer.locale];
  const zone = viewer.user?.timezone ?? 'UTC';
  const next = d.live.nextChangeAt;
  const head = html`<noscript><meta http-equiv="refresh" content="${LIVE_REFRESH_SECONDS}" /></noscript>
    <script src="/assets/networking-live.js" defer></script>`;
  const body = html`<div id="networking-live" data-stream="/events/${d.eventId}/networking/stream">
    <p class="eyebrow"><a href="/events/${d.eventId}">${d.title}</a></p>
    <h1>${c.liveTitle}</h1>
    ${d.flash ? html`<div class="banner danger" role="alert"><p>${d.flash}</p></div>` : ''}
    <p class="lede" id="phase" aria-live="polite">${phaseLine(c, d.live)}</p>
    ${next ? html`<p>${c.nextChange} <time id="next-change" datetime="${next.toISOString()}">${formatDateTime(appTime(viewer.locale, zone), next)}</time> <span id="countdown" aria-hidden="true"></span></p>` : ''}
    ${roomCard(c, d.live)} ${d.live.me ? presenceForm(c, d) : optInForm(c, d)}
    ${d.live.phase === 'ended' && d.live.me ? html`<p><a class="button" href="/events/${d.eventId}/networking/after">${c.afterLink}</a></p>` : ''}
    <p class="muted">${c.privacyNote} ${c.autoRefresh}</p>
  </div>`;
  return memberPage(viewer, c.liveTitle, body, 'networking', head);
}

function metItem(c: NetworkingCopy, eventId: string, p: MetPerson): SafeHtml {
  const base = `/events/${eventId}/networking/people/${p.userId}`;
  const state = p.mutual
    ? html`<p class="banner ok">
        ${c.mutualNote}<br />${c.theirContact}:
        ${p.mutual.contact}${p.mutual.message ? html` — ${p.mutual.message}` : ''}
      </p>`
    : p.myIntent
      ? html`<p class="muted">${c.waitingNote}</p>`
      : html`<form method="post" action="${base}/stay-in-touch">
          <p>
            <label>${c.contact} <input name="contact" required maxlength="200" /></label>
          </p>
          <p>
            <label>${c.message} <input name="message" maxlength="500" /></label>
          </p>
          <button type="submit">${c.stayInTouch}</button>
        </form>`;
  return html`<li class="card">
    <h2>${p.shownName}</h2>
    ${state}
    <details>
      <summary>${c.report}</summary>
      <form method="post" action="${base}/report">
        <p>
          <label>${c.reportReason} <textarea name="reason" required maxlength="2000"></textarea></label>
        </p>
        <button class="secondary" type="submit">${c.report}</button>
      </form>
    </details>
    <form method="post" action="${base}/block">
      <button class="danger" type="submit">${c.block}</button> <span class="muted">${c.blockNote}</span>
    </form>
  </li>`;
}

/** After the rounds: the people I met, stay in touch (mutual only), report, block. */
export function renderAfterPage(
  viewer: Viewer,
  d: { eventId: string; title: string; met: MetPerson[]; flash: string | null },
): string {
  const c = NETWORKING_COPY[viewer.locale];
  const body = html`<p class="eyebrow"><a href="/events/${d.eventId}">${d.title}</a></p>
    <h1>${c.afterTitle}</h1>
    ${d.flash ? html`<div class="banner ok" role="status"><p>${d.flash}</p></div>` : ''}
    <h2>${c.metHeading}</h2>
    ${
      d.met.length > 0
        ? html`<ul class="plain">
            ${d.met.map((p) => metItem(c, d.eventId, p))}
          </ul>`
        : html`<p>${c.metNone}</p>`
    }`;
  return memberPage(viewer, c.afterTitle, body, 'networking');
}

/**
 * The live page's script (served from this origin: the CSP allows no inline script). It follows
 * the page's event stream and reloads on a change, and counts down to the next change.
 */
export const LIVE_SCRIPT = `(() => {
  const root = document.getElementById('networking-live');
  if (!root || !window.EventSource) return;
  const stream = new EventSource(root.dataset.stream);
  stream.addEventListener('change', () => { stream.close(); location.reload(); });
  const next = document.getElementById('next-change');
  const out = document.getElementById('countdown');
  if (!next || !out) return;
  const end = Date.parse(next.getAttribute('datetime'));
  const tick = () => {
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    out.textContent = '(' + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0') + ')';
  };
  tick();
  setInterval(tick, 1000);
})();
`;
