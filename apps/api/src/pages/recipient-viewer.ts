import type { FastifyReply, FastifyRequest } from 'fastify';
import { toLanguage } from '@app/i18n';
import { Principal, UsersService } from '@app/identity';
import { SafeHtml, html } from './html';
import type { MemberPageContext } from './member-context';
import { Viewer, memberPage, pageTranslator } from './member-layout';
import { isUuid } from '@app/core';

/** The language asked for on this request (`?lang=`), if any. */
export function askedLanguage(request: FastifyRequest): 'en' | 'ar' | null {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.lang === 'en' || query?.lang === 'ar' ? query.lang : null;
}

/**
 * The reader of a page reached from a mail (answer link, sign-in link, unsubscribe): someone signed
 * in reads their own language, and a language chosen on the page (`?lang=`) wins; otherwise the
 * page speaks the language of the person the mail was written for, whose link it is, rather than
 * whatever the browser says.
 */
export function recipientViewer(
  viewer: Viewer,
  request: FastifyRequest,
  recipientLocale: string | null | undefined,
): Viewer {
  if (askedLanguage(request) || viewer.user || !recipientLocale) return viewer;
  const locale = toLanguage(recipientLocale);
  return { ...viewer, locale, t: pageTranslator(locale) };
}

/** `?lang=xx` to keep on a page's own form and links when the reader chose a language there. */
export function langQuery(request: FastifyRequest): string {
  const asked = askedLanguage(request);
  return asked ? `?lang=${asked}` : '';
}

/**
 * The reader of a page behind a mailed link whose token names its recipient (unsubscribe): as
 * recipientViewer, with the recipient's language looked up from their account.
 */
export async function mailLinkViewer(
  pages: MemberPageContext,
  users: UsersService,
  request: FastifyRequest,
  principal: Principal | null,
  recipientId: string | null,
): Promise<Viewer> {
  const viewer = await pages.viewer(request, principal);
  if (!recipientId || !isUuid(recipientId) || viewer.user || askedLanguage(request)) return viewer;
  const recipient = await users.find(recipientId);
  return recipientViewer(viewer, request, recipient?.locale);
}

/** A small member-layout page with its title as the heading (unsubscribe and its answers). */
export function mailLinkPage(viewer: Viewer, title: string, body: SafeHtml): string {
  return memberPage(
    viewer,
    title,
    html`<h1>${title}</h1>
      <section class="card">${body}</section>`,
  );
}

/** An unsubscribe link that is not ours, damaged or expired: 400 and a page saying so. */
export function invalidUnsubscribeLink(reply: FastifyReply, viewer: Viewer): string {
  const { t } = viewer;
  void reply.status(400);
  return memberPage(
    viewer,
    t('unsubscribe.invalidTitle'),
    html`<h1>${t('unsubscribe.invalidTitle')}</h1>
      <div class="banner danger" role="alert"><p>${t('unsubscribe.invalidText')}</p></div>`,
  );
}
