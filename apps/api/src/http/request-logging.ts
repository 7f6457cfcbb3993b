import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Every response carries its request id (`X-Request-Id`, also `requestId` in error bodies), and each
 * answered request is one log line with that id, the route pattern (never the URL: it can hold
 * tokens), the status and the time taken. Headers, bodies and query strings are not logged.
 */
export function registerRequestLogging(app: NestFastifyApplication): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const statusCode = reply.statusCode;
    const fields = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (statusCode >= 500) request.log.error(fields, 'request failed');
    else request.log.info(fields, 'request completed');
    done();
  });
}
