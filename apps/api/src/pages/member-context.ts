import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env } from '@app/core';
import { Principal, UsersService } from '@app/identity';
import { LANGUAGES, Language, toLanguage } from '@app/i18n';
import { isSameOriginRequest } from '../http/api-request-policy';
import { isAcceptedTimeZone } from '../http/validators';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '../http/error-codes';
import { html } from './html';
import { Viewer, memberPage, pageTranslator, signInHref } from './member-layout';

/** The member pages' language and a visitor's zone, remembered across clicks. */
export const LANG_COOKIE = 'lang';
export const TZ_COOKIE = 'tz';
const PREFERENCE_MAX_AGE_S = 365 * 86_400;

/** A language asked for by name (`?lang=ar`, the cookie): one Hearth speaks, else null. */
function explicitLanguage(value: unknown): Language | null {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
    ? (value as Language)
    : null;
}

/** A visitor's zone from `?tz=` or the cookie: a known IANA zone, else null (ignored). */
export function visitorZone(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 64 && isAcceptedTimeZone(value) ? value : null;
}

/**
 * The best language of an Accept-Language header (RFC 9110 §12.5.4): by q-value, then order;
 * q=0 means "not this"; `*` or nothing Hearth speaks gives null.
 */
export function acceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const weight = params.find((p) => /^\s*q\s*=/i.test(p));
      // No q is 1; a malformed one (q=2, q=high) drops the range rather than guess.
      const q =
        weight === undefined ? 1 : Number(/^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(weight)?.[1] ?? 0);
      return { tag: tag.trim().toLowerCase(), q, index };
    })
    .filter((r) => r.tag && r.q > 0 && r.q <= 1)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return null;
    const language = explicitLanguage(tag.split(/[-_]/)[0]);
    if (language) return language;
  }
  return null;
}

/**
 * Which language a member page speaks, first that applies:
 *   1. `?lang=` in the URL (an explicit click; it is also stored in the `lang` cookie),
 *   2. the `lang` cookie (the last explicit choice on this browser, so the next click keeps it),
 *   3. the signed-in member's account language,
 *   4. the best match of the browser's Accept-Language (q-values honoured),
 *   5. English.
 * An explicit choice on this browser wins over the account so that switching language on a shared
 * or borrowed device sticks; the account's language still wins over what the browser merely prefers.
 */
export function pageLanguage(input: {
  asked: unknown;
  cookie: unknown;
  account: string | null | undefined;
  acceptLanguage: string | undefined;
}): Language {
  return (
    explicitLanguage(input.asked) ??
    explicitLanguage(input.cookie) ??
    (input.account ? toLanguage(input.account) : null) ??
    acceptLanguage(input.acceptLanguage) ??
    'en'
  );
}

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
    const cookies = request.cookies ?? {};
    const header = request.headers['accept-language'];
    const locale = pageLanguage({
      asked: query?.lang,
      cookie: cookies[LANG_COOKIE],
      account: user?.locale,
      acceptLanguage: typeof header === 'string' ? header : undefined,
    });
    return {
      user: user
        ? { id: user.id, email: user.email, displayName: user.displayName, timezone: user.timezone }
        : null,
      locale,
      t: pageTranslator(locale),
      path: request.url,
      zone: user ? user.timezone : (visitorZone(query?.tz) ?? visitorZone(cookies[TZ_COOKIE])),
    };
  }

  send(reply: FastifyReply, body: string, status = 200): string {
    this.remember(reply);
    void reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'same-origin');
    return body;
  }

  /**
   * `?lang=` and `?tz=` are remembered in cookies (a year, this site only) so the next click keeps
   * them; an unknown language or zone is ignored, never stored.
   */
  private remember(reply: FastifyReply): void {
    const query = reply.request?.query as Record<string, unknown> | undefined;
    const options = {
      path: '/',
      maxAge: PREFERENCE_MAX_AGE_S,
      sameSite: 'lax' as const,
      secure: this.env.secureCookies,
      httpOnly: true,
    };
    const lang = explicitLanguage(query?.lang);
    if (lang && reply.request.cookies?.[LANG_COOKIE] !== lang)
      void reply.setCookie(LANG_COOKIE, lang, options);
    const zone = visitorZone(query?.tz);
    if (zone && reply.request.cookies?.[TZ_COOKIE] !== zone) void reply.setCookie(TZ_COOKIE, zone, options);
  }

  /** A 303 "see other" (after a form POST, or to sign in first); never cached. */
  redirect(reply: FastifyReply, location: string): string {
    this.remember(reply);
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
