import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from './auth.guard';
import { NOT_ANSWERED, ResponseCache } from './response-cache';

/**
 * Signed-out GETs of routes that declared a cache recipe (ResponseCache.route) are answered from
 * the cache before Nest's guards, pipes, interceptors and the handler run: on a hot listing those
 * are most of the time a hit takes. It runs after every onRequest and preValidation hook (security
 * headers, request id, input limits, the API request policy), so a hit carries the same headers and
 * passed the same checks as a handled request. A request carrying a session or a bearer token is
 * always the handler's: what a member sees depends on who they are.
 */
export function registerCacheHits(app: NestFastifyApplication, cache: ResponseCache): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (request.headers.authorization !== undefined || request.cookies?.[SESSION_COOKIE] !== undefined)
      return;
    // A read that failed (the database away) is the handler's to answer, with its own error.
    const payload = await cache.answer(request, reply).catch(() => NOT_ANSWERED);
    if (payload === NOT_ANSWERED) return;
    return reply.send(payload);
  });
  // Registered after @fastify/cookie (configureHttp), so a cookie set by the rendering is seen here.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    cache.confirmDirect(reply);
    done(null, payload);
  });
}
