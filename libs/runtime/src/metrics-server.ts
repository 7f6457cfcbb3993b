import { createServer, Server } from 'node:http';
import { MetricsService } from '@app/core';

/**
 * METRICS_PORT: /metrics on 127.0.0.1 without a token, for a scraper on the same host (and for a
 * worker-only process, which has no HTTP API). Only loopback can reach it.
 */
export async function startMetricsServer(metrics: MetricsService, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' }));
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        response.end(body);
      },
      () => {
        response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({ statusCode: 500, code: 'INTERNAL', message: 'Metrics could not be collected' }),
        );
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
