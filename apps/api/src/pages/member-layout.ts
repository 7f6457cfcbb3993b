import { PAGE_MESSAGES, isolate, translator, withoutIsolates } from '@app/i18n';
import type { Language, MessageKey, Translate } from '@app/i18n';
import { SafeHtml, html } from './html';
import { MEMBER_STYLESHEET_PATH } from './member-style';

/** Who is looking at a member page, in which language and zone. */
export interface Viewer {
  user: { id: string; email: string; displayName: string; timezone: string | null } | null;
  locale: Language;
  /** The member pages' words in the viewer's language (libs/i18n/messages/pages). */
  t: PageTranslate;
  /** This page's path with its query (for the language switch and "sign in and come back"). */
  path: string;
  /** The zone times are shown in beside the event's own: the member's, or a visitor's choice (tz cookie). */
  zone?: string | null;
}

export type PageTranslate = Translate<MessageKey<typeof PAGE_MESSAGES>>;

/** The member pages' catalogue in one language. */
export const pageTranslator = (language: Language): PageTranslate => translator(PAGE_MESSAGES, language);

/** The return-path cookie a member page sets when someone asks for a sign-in link. */
export const RETURN_COOKIE = 'hearth_return_to';

/** Paths a sign-in may return to: our own pages only, never another site. */
export function isReturnPath(path: string): boolean {
  return /^\/(events|groups|topics|invites|networking|home|welcome|account|admin)(\/[A-Za-z0-9._~%-]+)*\/?(\?[A-Za-z0-9._~%=&+-]*)?$/.test(
    path,
  );
}

/**
 * Where the layout's "Sign in" goes: back to this page only when a sign-in may return there. A page
 * whose address holds a token (an answer, sign-in or unsubscribe link) is not one, so its token is
 * never copied into a second address.
 */
export function signInHref(path: string): string {
  return isReturnPath(path) ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in';
}

/** Pages whose address is a secret (a signed link's token): they send no Referer, even to this site. */
const TOKEN_PAGE = /^\/(rsvp|invites|auth\/magic|api\/unsubscribe)([/?]|$)/;

/** A member page: no scripts, no third-party requests, one stylesheet inline. */
export function memberPage(
  viewer: Viewer,
  title: string,
  body: SafeHtml,
  active?: 'events' | 'networking' | 'home',
  head?: SafeHtml,
): string {
  const { t, locale, user, path } = viewer;
  const other: Language = locale === 'ar' ? 'en' : 'ar';
  const [pathname, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other);
  const switchHref = `${pathname}?${params.toString()}`;
  const signIn = signInHref(path);
  const referrer = TOKEN_PAGE.test(path) ? 'no-referrer' : 'same-origin';
  const page = html`<!doctype html>
    <html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="${referrer}" />
        <meta name="color-scheme" content="light" />
        <link rel="icon" href="data:," />
        <title>${withoutIsolates(title)} · Hearth</title>
        <link rel="stylesheet" href="${MEMBER_STYLESHEET_PATH}" />
        ${head}
      </head>
      <body>
        <a class="skip" href="#main">${t('layout.skip')}</a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">Hearth</a>
            <nav class="main" aria-label="Hearth">
              <ul>
                ${
                  user
                    ? html`<li>
                        <a href="/home" ${active === 'home' ? new SafeHtml(' aria-current="page"') : ''}
                          >${t('layout.navHome')}</a
                        >
                      </li>`
                    : ''
                }
                <li>
                  <a href="/events" ${active === 'events' ? new SafeHtml(' aria-current="page"') : ''}
                    >${t('layout.navEvents')}</a
                  >
                </li>
                <li>
                  <a href="/networking" ${active === 'networking' ? new SafeHtml(' aria-current="page"') : ''}
                    >${t('layout.navNetworking')}</a
                  >
                </li>
                <li><a href="/groups">${t('layout.navGroups')}</a></li>
              </ul>
            </nav>
            <div class="bar-end">
              <a href="${switchHref}" lang="${other}" hreflang="${other}">${t('layout.otherLanguage')}</a>
              ${
                user
                  ? html`<a href="/account">${t('layout.signedInAs', { name: isolate(user.displayName) })}</a>
                      <form method="post" action="/sign-out">
                        <button type="submit">${t('layout.signOut')}</button>
                      </form>`
                  : html`<a href="${signIn}">${t('layout.signIn')}</a>`
              }
            </div>
          </div>
        </header>
        <main id="main" tabindex="-1">${body}</main>
        <footer class="site"><p>${t('layout.footer')}</p></footer>
      </body>
    </html>`;
  return page.value;
}
