import type { LiveView, MetPerson } from '@app/networking';
import { SafeHtml, bdi, html, safeHref } from './html';
import { PageTranslate, Viewer, memberPage } from './member-layout';
import { appTime, formatDateTime } from '@app/i18n';

export interface LivePageData {
  eventId: string;
  title: string;
  live: LiveView;
  going: boolean;
  flash: string | null;
}

/** Seconds between reloads of the page without JavaScript (with it, Server-Sent Events drive it). */
export const LIVE_REFRESH_SECONDS = 15;

function phaseLine(t: PageTranslate, live: LiveView): string {
  if (live.phase === 'not_started') return t('networking.notStarted');
  if (live.phase === 'paused') return t('networking.paused');
  if (live.phase === 'ended') return t('networking.ended');
  if (live.phase === 'break') return t('networking.inBreak');
  return t('networking.roundOf', { round: live.round, rounds: live.rounds });
}

function roomCard(t: PageTranslate, live: LiveView): SafeHtml {
  if (live.phase !== 'round' || !live.me?.present) return html``;
  if (!live.room) return html`<div class="card"><p>${t('networking.notSeated')}</p></div>`;
  const people = live.room.people.map(
    (p) =>
      html`<li data-person="${p.userId}">
        <strong>${bdi(p.shownName)}</strong>${p.intro ? html` — <span>${p.intro}</span>` : ''}
        ${p.sharedInterests.length > 0 ? html`<br /><span class="muted">${t('networking.sharedInterests')}: ${p.sharedInterests.join(', ')}</span>` : ''}
      </li>`,
  );
  return html`<div class="card" id="room">
    <p>
      <a class="button" href="${safeHref(live.room.url)}" rel="noopener noreferrer" target="_blank"
        >${t('networking.joinRoom')}</a
      >
    </p>
    <h2>${t('networking.inYourRoom')}</h2>
    ${
      people.length > 0
        ? html`<ul class="plain">
            ${people}
          </ul>`
        : html`<p>${t('networking.nobodyYet')}</p>`
    }
  </div>`;
}

function optInForm(t: PageTranslate, d: LivePageData): SafeHtml {
  if (!d.going) return html`<div class="banner warn"><p>${t('networking.goingOnly')}</p></div>`;
  const tags = d.live.interestTags.map(
    (t) => html`<label><input type="checkbox" name="interests" value="${t}" /> ${t}</label> `,
  );
  return html`<form class="card" method="post" action="/events/${d.eventId}/networking/participation">
    <h2>${t('networking.optInHeading')}</h2>
    <p>${t('networking.optInLead')}</p>
    <fieldset>
      <legend>${t('networking.showAs')}</legend>
      <label
        ><input type="radio" name="showAs" value="display_name" checked />
        ${t('networking.showDisplayName')}</label
      >
      <label><input type="radio" name="showAs" value="pseudonym" /> ${t('networking.showPseudonym')}</label>
    </fieldset>
    <p>
      <label>${t('networking.pseudonym')} <input name="pseudonym" maxlength="60" /></label>
    </p>
    <p>
      <label>${t('networking.intro')} <input name="intro" maxlength="140" /></label>
    </p>
    ${
      tags.length > 0
        ? html`<fieldset>
            <legend>${t('networking.interests')}</legend>
            ${tags}
          </fieldset>`
        : ''
    }
    <p><button type="submit">${t('networking.join')}</button></p>
  </form>`;
}

function presenceForm(t: PageTranslate, d: LivePageData): SafeHtml {
  const me = d.live.me;
  if (!me || d.live.phase === 'ended') return html``;
  const action = `/events/${d.eventId}/networking/presence`;
  if (!me.present)
    return html`<form method="post" action="${action}">
      <p>${t('networking.hereNote')}</p>
      <input type="hidden" name="here" value="yes" /><button type="submit">${t('networking.imHere')}</button>
    </form>`;
  return html`<form method="post" action="${action}">
    <input type="hidden" name="here" value="no" /><button class="secondary" type="submit">
      ${t('networking.leave')}
    </button>
  </form>`;
}

/** The live page: phase, countdown, my room; SSE reloads it on a change, a refresh without JavaScript. */
export function renderLivePage(viewer: Viewer, d: LivePageData): string {
  const t = viewer.t;
  const zone = viewer.user?.timezone ?? 'UTC';
  const next = d.live.nextChangeAt;
  const head = html`<noscript><meta http-equiv="refresh" content="${LIVE_REFRESH_SECONDS}" /></noscript>
    <script src="/assets/networking-live.js" defer></script>`;
  const body = html`<div
    id="networking-live"
    data-stream="/events/${d.eventId}/networking/stream"
    data-zone="${zone}"
    data-not-started="${t('networking.notStarted')}"
    data-paused="${t('networking.paused')}"
    data-ended="${t('networking.ended')}"
    data-break="${t('networking.inBreak')}"
    data-round-of="${t('networking.roundOf', { round: '{round}', rounds: '{rounds}' })}"
    data-next-change="${t('networking.nextChange')}"
    data-join-room="${t('networking.joinRoom')}"
    data-in-your-room="${t('networking.inYourRoom')}"
    data-shared-interests="${t('networking.sharedInterests')}"
    data-nobody-yet="${t('networking.nobodyYet')}"
    data-not-seated="${t('networking.notSeated')}"
  >
    <p class="eyebrow"><a href="/events/${d.eventId}">${bdi(d.title)}</a></p>
    <h1>${t('networking.liveTitle')}</h1>
    ${d.flash ? html`<div class="banner danger" role="alert"><p>${d.flash}</p></div>` : ''}
    <p class="lede" id="phase" aria-live="polite">${phaseLine(t, d.live)}</p>
    <p id="next-line" ${next ? '' : html`hidden`}>
      ${t('networking.nextChange')}
      <time id="next-change" datetime="${next?.toISOString() ?? ''}"
        >${next ? formatDateTime(appTime(viewer.locale, zone), next) : ''}</time
      >
      <span id="countdown" aria-hidden="true"></span>
    </p>
    <div id="room-slot">${roomCard(t, d.live)}</div>
    <div id="presence-slot">${d.live.me ? presenceForm(t, d) : optInForm(t, d)}</div>
    ${d.live.me ? html`<p id="after-link" ${d.live.phase === 'ended' ? '' : html`hidden`}><a class="button" href="/events/${d.eventId}/networking/after">${t('networking.afterLink')}</a></p>` : ''}
    <p class="muted">${t('networking.privacyNote')} ${t('networking.autoRefresh')}</p>
  </div>`;
  return memberPage(viewer, t('networking.liveTitle'), body, 'networking', head);
}

function metItem(t: PageTranslate, eventId: string, p: MetPerson): SafeHtml {
  const base = `/events/${eventId}/networking/people/${p.userId}`;
  const state = p.mutual
    ? html`<p class="banner ok">
        ${t('networking.mutualNote')}<br />${t('networking.theirContact')}:
        ${p.mutual.contact}${p.mutual.message ? html` — ${p.mutual.message}` : ''}
      </p>`
    : p.myIntent
      ? html`<p class="muted">${t('networking.waitingNote')}</p>`
      : html`<form method="post" action="${base}/stay-in-touch">
          <p>
            <label>${t('networking.contact')} <input name="contact" required maxlength="200" /></label>
          </p>
          <p>
            <label>${t('networking.message')} <input name="message" maxlength="500" /></label>
          </p>
          <button type="submit">${t('networking.stayInTouch')}</button>
        </form>`;
  return html`<li class="card">
    <h2>${bdi(p.shownName)}</h2>
    ${state}
    <details>
      <summary>${t('networking.report')}</summary>
      <form method="post" action="${base}/report">
        <p>
          <label
            >${t('networking.reportReason')} <textarea name="reason" required maxlength="2000"></textarea>
          </label>
        </p>
        <button class="secondary" type="submit">${t('networking.report')}</button>
      </form>
    </details>
    <form method="post" action="${base}/block">
      <button class="danger" type="submit">${t('networking.block')}</button>
      <span class="muted">${t('networking.blockNote')}</span>
    </form>
  </li>`;
}

/** After the rounds: the people I met, stay in touch (mutual only), report, block. */
export function renderAfterPage(
  viewer: Viewer,
  d: { eventId: string; title: string; met: MetPerson[]; flash: string | null },
): string {
  const t = viewer.t;
  const body = html`<p class="eyebrow"><a href="/events/${d.eventId}">${bdi(d.title)}</a></p>
    <h1>${t('networking.afterTitle')}</h1>
    ${d.flash ? html`<div class="banner ok" role="status"><p>${d.flash}</p></div>` : ''}
    <h2>${t('networking.metHeading')}</h2>
    ${
      d.met.length > 0
        ? html`<ul class="plain">
            ${d.met.map((p) => metItem(t, d.eventId, p))}
          </ul>`
        : html`<p>${t('networking.metNone')}</p>`
    }`;
  return memberPage(viewer, t('networking.afterTitle'), body, 'networking');
}

/**
 * The live page's script (served from this origin: the CSP allows no inline script). It follows
 * the page's event stream: each `change` message carries the viewer's own phase and room, which it
 * renders in place (text only, never HTML) with the page's own words — no request back. It also
 * counts down to the next change. Opting in or out and presence are forms, which reload the page.
 */
export const LIVE_SCRIPT = `(() => {
  const root = document.getElementById('networking-live');
  if (!root) return;
  const t = root.dataset;
  const el = (tag, attrs, ...kids) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const kid of kids) node.append(kid);
    return node;
  };
  const next = document.getElementById('next-change');
  const out = document.getElementById('countdown');
  let end = next && next.getAttribute('datetime') ? Date.parse(next.getAttribute('datetime')) : NaN;
  const tick = () => {
    if (!out || Number.isNaN(end)) return;
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    out.textContent = '(' + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0') + ')';
  };
  const phaseText = (u) =>
    u.phase === 'round' ? t.roundOf.replace('{round}', String(u.round)).replace('{rounds}', String(u.rounds))
    : u.phase === 'break' ? t.break
    : u.phase === 'paused' ? t.paused
    : u.phase === 'ended' ? t.ended
    : t.notStarted;
  const roomCard = (u) => {
    if (u.phase !== 'round' || !u.present) return null;
    if (!u.room) return el('div', { class: 'card' }, el('p', {}, t.notSeated));
    const link = el('a', { class: 'button', href: u.room.url, rel: 'noopener noreferrer', target: '_blank' }, t.joinRoom);
    const people = u.room.people.map((p) => {
      const li = el('li', { 'data-person': p.userId }, el('strong', {}, p.shownName));
      if (p.intro) li.append(' — ', el('span', {}, p.intro));
      if (p.sharedInterests.length > 0)
        li.append(el('br'), el('span', { class: 'muted' }, t.sharedInterests + ': ' + p.sharedInterests.join(', ')));
      return li;
    });
    return el('div', { class: 'card', id: 'room' }, el('p', {}, link), el('h2', {}, t.inYourRoom),
      people.length > 0 ? el('ul', { class: 'plain' }, ...people) : el('p', {}, t.nobodyYet));
  };
  const render = (u) => {
    document.getElementById('phase').textContent = phaseText(u);
    const line = document.getElementById('next-line');
    end = u.nextChangeAt ? Date.parse(u.nextChangeAt) : NaN;
    if (line && next) {
      line.hidden = !u.nextChangeAt;
      if (u.nextChangeAt) {
        next.setAttribute('datetime', u.nextChangeAt);
        next.textContent = new Date(end).toLocaleString(document.documentElement.lang || undefined,
          { timeZone: t.zone, dateStyle: 'medium', timeStyle: 'short' });
      }
    }
    const slot = document.getElementById('room-slot');
    const card = roomCard(u);
    slot.replaceChildren(...(card ? [card] : []));
    const after = document.getElementById('after-link');
    if (after) after.hidden = u.phase !== 'ended';
    if (u.phase === 'ended') document.getElementById('presence-slot').replaceChildren();
    tick();
  };
  tick();
  setInterval(tick, 1000);
  if (!window.EventSource) return;
  const stream = new EventSource(t.stream);
  stream.addEventListener('change', (e) => {
    let update;
    try { update = JSON.parse(e.data); } catch { return; }
    render(update);
    if (update.phase === 'ended') stream.close();
  });
})();
`;
