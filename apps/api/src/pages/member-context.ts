import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env } from '@app/core';
import { Principal, UsersService } from '@app/identity';
import { Language, toLanguage } from '@app/i18n';
import { isSameOriginRequest } from '../http/api-request-policy';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '../http/error-codes';
import { html } from './html';
import { Viewer, memberPage, pageTranslator, signInHref } from './member-layout';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/** A form posted from another site; MemberPageFilter answers it with the 403 page. */
export class CrossSiteFormError extends Error {
  constructor() {
    super('Form posted from another site');
  }
}

/** Thrown by page handlers for a well-formed "nothing here" without touching the database. */
export const pageNotFound = (): DomainError => new DomainError('NOT_FOUND', 'Not found');

/**
 * What every member page needs before it renders: who is looking (their profile's language and
 * zone), and how to answer — HTML, never cached (pages can carry a person's own status), and errors
 * as pages with the same status codes the API would use.
 */
@Injectable()
export class MemberPageContext {
  private readonly logger = new Logger('MemberPages');

  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(Env) private readonly env: Env,
  ) {}

  async viewer(request: FastifyRequest, principal: Principal | null): Promise<Viewer> {
    const user = principal ? await this.users.get(principal.userId).catch(() => null) : null;
    const query = request.query as Record<string, unknown> | undefined;
    const asked = typeof query?.lang === 'string' ? query.lang : null;
    const header = request.headers['accept-language'];
    const locale: Language =
      asked === 'ar' || asked === 'en'
        ? asked
        : user
          ? toLanguage(user.locale)
          : toLanguage(typeof header === 'string' ? header.split(',')[0] : undefined);
    return {
      user: user
        ? { id: user.id, email: user.email, displayName: user.displayName, timezone: user.timezone }
        : null,
      locale,
      t: pageTranslator(locale),
      path: request.url,
    };
  }

  send(reply: FastifyReply, body: string, status = 200): string {
    void reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'same-origin');
    return body;
  }

  /** A 303 "see other" (after a form POST, or to sign in first); never cached. */
  redirect(reply: FastifyReply, location: string): string {
    void reply.status(303).header('Location', location).header('Cache-Control', 'no-store');
    return '';
  }

  /** The HTTP status the API answers for a domain error's code. */
  statusOf(error: { code: string }): number {
    return HTTP_STATUS_BY_CODE[error.code as ErrorCode] ?? 400;
  }

  /** Domain errors become pages with the API's status for that code; anything else is rethrown (500). */
  error(reply: FastifyReply, viewer: Viewer, error: unknown): string {
    if (!(error instanceof DomainError)) throw error;
    const status = this.statusOf(error);
    const { t } = viewer;
    if (status === 404) {
      return this.send(
        reply,
        memberPage(
          viewer,
          t('error.notFoundTitle'),
          html`<h1>${t('error.notFoundTitle')}</h1>
            <p>${t('error.notFoundBody')}</p>
            ${
              viewer.user
                ? ''
                : html`<p>
                    <a class="button" href="${signInHref(viewer.path)}">${t('layout.signIn')}</a>
                  </p>`
            }`,
        ),
        404,
      );
    }
    this.logger.debug(`page refused code=${error.code}`);
    return this.send(
      reply,
      memberPage(
        viewer,
        t('error.title'),
        html`<h1>${t('error.title')}</h1>
          <div class="banner danger" role="alert"><p>${error.message}</p></div>`,
      ),
      status,
    );
  }

  /** The answer to a form posted from another site. */
  refused(reply: FastifyReply, viewer: Viewer): string {
    const { t } = viewer;
    return this.send(
      reply,
      memberPage(
        viewer,
        t('error.refusedTitle'),
        html`<h1>${t('error.refusedTitle')}</h1>
          <div class="banner danger" role="alert"><p>${t('error.forbiddenOrigin')}</p></div>`,
      ),
      403,
    );
  }

  /**
   * Form posts must come from this site. SameSite=Lax already keeps the session cookie off
   * cross-site posts; the API's same-origin rule (Sec-Fetch-Site, else Origin against
   * PUBLIC_BASE_URL or Host) is the second lock, so a proxy that rewrites Host still works.
   */
  sameOrigin(request: FastifyRequest): boolean {
    return isSameOriginRequest(request.headers, this.env.publicBaseUrl);
  }

  /** Throws CrossSiteFormError for a form from another site (MemberPageFilter answers 403). */
  assertSameOrigin(request: FastifyRequest): void {
    if (!this.sameOrigin(request)) throw new CrossSiteFormError();
  }
}
