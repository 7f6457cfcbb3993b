import type { FastifyRequest } from 'fastify';
import { toLanguage } from '@app/i18n';
import { html } from './html';
import { memberPage, pageTranslator } from './member-layout';

/**
 * The member page shown while the database cannot be reached. It needs nothing from the database:
 * the language comes from ?lang= or Accept-Language, and the visitor is shown as signed out.
 */
export function unavailablePage(request: FastifyRequest): string {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['accept-language'];
  const locale = toLanguage(
    typeof query?.lang === 'string'
      ? query.lang
      : typeof header === 'string'
        ? header.split(',')[0]
        : undefined,
  );
  const t = pageTranslator(locale);
  return memberPage(
    { user: null, locale, t, path: request.url },
    t('error.unavailableTitle'),
    html`<h1>${t('error.unavailableTitle')}</h1>
      <div class="banner warn" role="status"><p>${t('error.unavailableBody')}</p></div>`,
  );
}
