import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env, Locale, toLocale } from '@app/core';
import { Principal, UsersService } from '@app/identity';
import { isSameOriginRequest } from '../http/api-request-policy';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '../http/error-codes';
import { html } from './html';
import { MEMBER_COPY, MemberCopy } from './member-copy';
import { Viewer, memberPage } from './member-layout';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

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
    const locale: Locale =
      asked === 'ar' || asked === 'en'
        ? asked
        : user
          ? toLocale(user.locale)
          : toLocale(typeof header === 'string' ? header.split(',')[0] : undefined);
    return {
      user: user
        ? { id: user.id, email: user.email, displayName: user.displayName, timezone: user.timezone }
        : null,
      locale,
      copy: MEMBER_COPY[locale],
      path: request.url,
    };
  }

  copyFor(locale: Locale): MemberCopy {
    return MEMBER_COPY[locale];
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
    const { copy } = viewer;
    if (status === 404) {
      return this.send(
        reply,
        memberPage(
          viewer,
          copy.notFoundTitle,
          html`<h1>${copy.notFoundTitle}</h1>
            <p>${copy.notFoundBody}</p>
            ${
              viewer.user
                ? ''
                : html`<p>
                    <a class="button" href="/sign-in?next=${encodeURIComponent(viewer.path)}"
                      >${copy.signIn}</a
                    >
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
        copy.errorTitle,
        html`<h1>${copy.errorTitle}</h1>
          <div class="banner danger" role="alert"><p>${error.message}</p></div>`,
      ),
      status,
    );
  }

  /** The answer to a form posted from another site. */
  refused(reply: FastifyReply, viewer: Viewer): string {
    const { copy } = viewer;
    return this.send(
      reply,
      memberPage(
        viewer,
        copy.refusedTitle,
        html`<h1>${copy.refusedTitle}</h1>
          <div class="banner danger" role="alert"><p>${copy.forbiddenOrigin}</p></div>`,
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
}
