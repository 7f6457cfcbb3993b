import type { DirectoryGroupRow } from '@app/community';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';

export interface GroupDirectoryData {
  groups: DirectoryGroupRow[];
  q: string;
  previousHref: string | null;
  nextHref: string | null;
  /** A notice above the list (a page number that does not exist). */
  notice: string | null;
}

/** The directory of public groups: name, city and what the group says of itself; no member counts. */
export function renderGroupDirectory(viewer: Viewer, data: GroupDirectoryData): SafeHtml {
  const { t } = viewer;
  return html`<h1>${t('groups.title')}</h1>
    <p class="lede">${t('groups.intro')}</p>
    ${data.notice ? html`<div class="banner warn" role="alert"><p>${data.notice}</p></div>` : ''}
    <form class="card filters" method="get" action="/groups" role="search">
      <div class="field">
        <label for="q">${t('groups.search')}</label
        ><input id="q" name="q" type="search" maxlength="100" value="${data.q}" dir="auto" />
      </div>
      ${viewer.path.includes('lang=') ? html`<input type="hidden" name="lang" value="${viewer.locale}" />` : ''}
      <button type="submit">${t('groups.searchSubmit')}</button>
    </form>
    <section class="card" aria-label="${t('groups.title')}">
      ${
        data.groups.length === 0
          ? html`<p class="muted">${t('groups.none')}</p>`
          : html`<ul class="link-list" data-testid="group-directory">
              ${data.groups.map(
                (g) =>
                  html`<li data-group="${g.slug}">
                    <h2>
                      <a href="/groups/${encodeURIComponent(g.slug)}"><bdi>${g.name}</bdi></a>
                    </h2>
                    ${g.city ? html`<p class="muted"><bdi>${g.city}</bdi></p>` : ''}
                    ${g.description ? html`<p dir="auto">${excerpt(g.description)}</p>` : ''}
                  </li>`,
              )}
            </ul>`
      }
      <p>
        ${data.previousHref ? html`<a class="button secondary" href="${data.previousHref}">${t('groups.previous')}</a>` : ''}
        ${data.nextHref ? html`<a class="button secondary" href="${data.nextHref}">${t('groups.next')}</a>` : ''}
      </p>
    </section>`;
}

/** The first lines of a description, cut at a word where one is near. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 200) return flat;
  const cut = flat.slice(0, 200);
  const space = cut.lastIndexOf(' ');
  return `${space > 150 ? cut.slice(0, space) : cut}…`;
}
