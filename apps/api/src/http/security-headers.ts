import type { ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Helmet's defaults with a CSP for the admin app and member pages (same origin only, inline styles). */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      formAction: ["'self'"],
    },
  },
};

/**
 * The headers helmet writes for these options. They do not depend on the request, so they are worked
 * out once, by running helmet's own middleware against a recording response; @fastify/helmet builds
 * the middleware again on every request, which showed in the RSVP benchmark's profile.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let failure: unknown = null;
  helmet(options)({} as never, recorder, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure) throw failure as Error;
  return headers;
}

/** Every response (API, pages, the admin app's files, errors) carries the security headers. */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      reply.headers(headers);
      // An API answer may depend on the session (a venue for attendees, my RSVP): no shared cache
      // keeps one unless its handler says otherwise (feeds say public or private themselves).
      if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'private, no-cache');
      done();
    });
}
