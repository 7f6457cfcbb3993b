import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainError,
  databaseUnavailable,
  isForeignKeyViolation,
  isRetryableTransactionFailure,
} from '@app/core';
import { sendDatabaseUnavailable } from './database-unavailable';
import { CODE_BY_HTTP_STATUS, ErrorCode, HTTP_STATUS_BY_CODE } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** The request's id, as in its `X-Request-Id` header and its log lines. */
  requestId?: string;
}

/**
 * One JSON error shape for everything: domain errors by their code, framework errors (bad JSON,
 * unknown route, body too large) by status, and anything unexpected as a 500 whose error id (the
 * request id) is logged with the error while the response shows no internals. Every body carries
 * the request id, so a report quoting it finds the request's log lines.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    // PostgreSQL out of reach is not our bug: 503 with Retry-After, never a 500.
    const unavailable = databaseUnavailable(exception);
    if (unavailable) {
      if (request) sendDatabaseUnavailable(request, reply, unavailable);
      return;
    }
    const requestId = typeof request?.id === 'string' ? request.id : undefined;
    const body: ErrorBody = { ...this.toBody(exception, requestId), ...(requestId ? { requestId } : {}) };
    if (body.statusCode === 429 && typeof body.details?.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.details.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, requestId: string | undefined): ErrorBody {
    if (exception instanceof DomainError) {
      const domain = exception as DomainError;
      const status = HTTP_STATUS_BY_CODE[domain.code as ErrorCode];
      if (status !== undefined) {
        return {
          statusCode: status,
          code: domain.code,
          message: domain.message,
          ...(domain.details ? { details: domain.details } : {}),
        };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' &&
        response !== null &&
        'message' in response &&
        typeof response.message === 'string'
          ? response.message
          : exception.message;
      if (status < 500 || status === 503)
        return { statusCode: status, code: CODE_BY_HTTP_STATUS[status] ?? 'VALIDATION_FAILED', message };
    }
    // Fastify's own errors (malformed JSON, unsupported media type, body limit) carry a 4xx statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        statusCode: fastifyStatus,
        code: CODE_BY_HTTP_STATUS[fastifyStatus] ?? 'VALIDATION_FAILED',
        message: (exception as Error).message,
      };
    }
    const lost = lostRace(exception);
    if (lost) return { statusCode: 409, code: 'CONFLICT', message: lost };
    // decodeURIComponent's error: only a client's malformed %-escape gets here (URLs, cookies).
    if (exception instanceof URIError)
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request has a malformed %-escape' };
    const errorId = requestId ?? randomUUID();
    this.logger.error({
      msg: `unhandled error ${errorId}`,
      reqId: errorId,
      stack: (exception as Error)?.stack ?? String(exception),
    });
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
      details: { errorId },
    };
  }
}

/**
 * Why a request lost a race with another one, in words for its 409 (nothing of it was written), or
 * null: a write referring to a row deleted meanwhile (an answer racing the deletion of its account or
 * event), or a transaction PostgreSQL failed to break a deadlock or a serialization conflict.
 */
function lostRace(exception: unknown): string | null {
  if (isForeignKeyViolation(exception)) return 'Something this request refers to was just removed';
  if (isRetryableTransactionFailure(exception)) return 'The request collided with another one; try again';
  return null;
}
