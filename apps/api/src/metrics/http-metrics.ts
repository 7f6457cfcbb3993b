import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from '@app/core';

/**
 * Counts every answered request by its route pattern (`/api/events/:id`, never the URL, which can
 * hold ids and tokens) and status; requests that matched no route share one label.
 */
export function registerHttpMetrics(app: NestFastifyApplication, metrics: MetricsService): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpRequests.inc({ method: request.method, route, status: String(status) });
    metrics.httpDuration.observe(
      { method: request.method, route, status_class: `${Math.floor(status / 100)}xx` },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
