import type { IncomingHttpHeaders } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@app/core';
import { SESSION_COOKIE } from './auth.guard';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Body types the JSON API takes besides application/json, by route: the inbound webhook takes the
 * raw message (its own shared-secret auth, see raw-mail-body.ts), and RFC 8058 one-click
 * unsubscribe is a form post from mail providers (and from the button on its own page).
 */
const OTHER_BODY_TYPES: Record<string, readonly string[]> = {
  '/api/inbound/mime': ['message/rfc822', 'application/octet-stream', 'text/plain'],
  '/api/unsubscribe/:token': ['application/x-www-form-urlencoded'],
  '/api/unsubscribe/announcements/:token': ['application/x-www-form-urlencoded'],
};

/**
 * Whether a browser sent this request from our own origin. Mirrors the Sec-Fetch-Site / Origin
 * check that Go's net/http CrossOriginProtection made known:
 * - `Sec-Fetch-Site` (every current browser sends it): only `same-origin`, or `none` (the person
 *   typed or bookmarked it), passes; `same-site` does not, since a sibling subdomain may be someone
 *   else's.
 * - otherwise `Origin` (browsers send it on every cross-origin request and every POST): it must be
 *   PUBLIC_BASE_URL's origin, or match the Host the request was sent to (dev servers, `localhost`
 *   against `127.0.0.1`); `Origin: null` (sandboxed frames, some redirects) does not pass.
 * - neither header: not a browser (curl, scripts, server-side clients, tests), which forging a
 *   request across sites needs — those are let through.
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, publicBaseUrl: string): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== '') return site === 'same-origin' || site === 'none';
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (typeof origin !== 'string' || origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === new URL(publicBaseUrl).origin || parsed.host === headers.host;
}

/** The token the AuthGuard would use from `Authorization: Bearer …`: an API token is then the credential, not the cookie. */
function hasBearerToken(headers: IncomingHttpHeaders): boolean {
  const header = headers.authorization;
  return typeof header === 'string' && /^Bearer /i.test(header) && header.slice(7).trim() !== '';
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0].trim().toLowerCase();
}

/**
 * Two rules for state changes (POST, PUT, PATCH, DELETE) under /api, checked before the body is read:
 * 1. A request carrying the session cookie and no Bearer API token must come from our own origin
 *    (isSameOriginRequest). SameSite=Lax keeps the cookie off most cross-site posts; this is the
 *    lock that does not depend on the browser's cookie policy. A Bearer token cannot be forged
 *    across sites (a page cannot set Authorization without a CORS preflight, which Hearth never
 *    grants), so token-authenticated calls are exempt.
 * 2. A body must be `application/json` (415 otherwise), except on the routes in OTHER_BODY_TYPES.
 *    A bodiless POST (the admin app's logout, cancel, approve…) needs no Content-Type. This also
 *    shuts out HTML forms, which can only send form, multipart and text/plain bodies.
 * The member pages outside /api take forms, and check the origin themselves (PageContext.sameOrigin).
 */
export function registerApiRequestPolicy(app: NestFastifyApplication, publicBaseUrl: string): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    // The matched route's pattern, not request.url: the router also matches `/%61pi/…` and
    // absolute-form targets (`POST http://host/api/…`), which a prefix test on the URL would miss.
    const route = request.routeOptions.url;
    if (!UNSAFE_METHODS.has(request.method) || !route?.startsWith('/api/')) return done();
    const { headers } = request;
    if (
      request.cookies?.[SESSION_COOKIE] !== undefined &&
      !hasBearerToken(headers) &&
      !isSameOriginRequest(headers, publicBaseUrl)
    ) {
      return done(
        new DomainError('FORBIDDEN', 'Requests signed in with a session must come from this site', {
          reason: 'cross_origin',
        }),
      );
    }
    const contentType = headers['content-type'];
    if (contentType === undefined ? !hasBody(headers) : isAccepted(route, mediaType(contentType)))
      return done();
    done(
      new DomainError('UNSUPPORTED_MEDIA_TYPE', 'The API takes request bodies as application/json', {
        accepted: ['application/json', ...(OTHER_BODY_TYPES[route] ?? [])],
      }),
    );
  });
}

function isAccepted(route: string, type: string): boolean {
  return type === 'application/json' || (OTHER_BODY_TYPES[route] ?? []).includes(type);
}
