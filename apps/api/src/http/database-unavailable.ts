import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailable } from '@app/core';
import { unavailablePage } from '../pages/unavailable-page';
import { HTTP_STATUS_BY_CODE } from './error-codes';

const logger = new Logger('HTTP');
// An outage fails every request; one warning a second says so without flooding the log.
const WARN_EVERY_MS = 1000;
let lastWarnAt = 0;

/**
 * The answer while PostgreSQL cannot be reached: 503 with Retry-After, in the one JSON error shape,
 * or as a member page for a browser asking for HTML outside /api. Nothing of the driver's message
 * leaves the process (it can name hosts and users); the fixed reason is logged.
 */
export function sendDatabaseUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
  unavailable: DatabaseUnavailable,
): void {
  const now = Date.now();
  if (now - lastWarnAt >= WARN_EVERY_MS) {
    lastWarnAt = now;
    logger.warn(`database unavailable (${unavailable.reason}): answering 503`);
  }
  const statusCode = HTTP_STATUS_BY_CODE.DATABASE_UNAVAILABLE;
  void reply
    .status(statusCode)
    .header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
    .header('Cache-Control', 'no-store');
  if (wantsPage(request)) {
    void reply.header('Content-Type', 'text/html; charset=utf-8').send(unavailablePage(request));
    return;
  }
  void reply.header('Content-Type', 'application/json; charset=utf-8').send({
    statusCode,
    code: 'DATABASE_UNAVAILABLE',
    message: 'The service is briefly unavailable; try again shortly',
    details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    requestId: request.id,
  });
}

function wantsPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return !request.url.startsWith('/api') && typeof accept === 'string' && accept.includes('text/html');
}
