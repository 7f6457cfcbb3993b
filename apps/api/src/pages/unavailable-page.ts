import type { FastifyRequest } from 'fastify';
import { toLocale } from '@app/core';
import { html } from './html';
import { MEMBER_COPY } from './member-copy';
import { memberPage } from './member-layout';

/**
 * The member page shown while the database cannot be reached. It needs nothing from the database:
 * the language comes from ?lang= or Accept-Language, and the visitor is shown as signed out.
 */
export function unavailablePage(request: FastifyRequest): string {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['accept-language'];
  const locale = toLocale(
    typeof query?.lang === 'string'
      ? query.lang
      : typeof header === 'string'
        ? header.split(',')[0]
        : undefined,
  );
  const copy = MEMBER_COPY[locale];
  return memberPage(
    { user: null, locale, copy, path: request.url },
    copy.unavailableTitle,
    html`<h1>${copy.unavailableTitle}</h1>
      <div class="banner warn" role="status"><p>${copy.unavailableBody}</p></div>`,
  );
}
