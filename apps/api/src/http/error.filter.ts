import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, databaseUnavailable } from '@app/core';
import { sendDatabaseUnavailable } from './database-unavailable';
import { CODE_BY_HTTP_STATUS, ErrorCode, HTTP_STATUS_BY_CODE } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One JSON error shape for everything: domain errors by their code, framework errors (bad JSON,
 * unknown route, body too large) by status, and anything unexpected as a 500 whose id is logged
 * with the error while the response shows no internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // PostgreSQL out of reach is not our bug: 503 with Retry-After, never a 500.
    const unavailable = databaseUnavailable(exception);
    if (unavailable) {
      sendDatabaseUnavailable(host.switchToHttp().getRequest<FastifyRequest>(), reply, unavailable);
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode === 429 && typeof body.details?.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.details.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
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
    // decodeURIComponent's error: only a client's malformed %-escape gets here (URLs, cookies).
    if (exception instanceof URIError)
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request has a malformed %-escape' };
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}: ${(exception as Error)?.stack ?? String(exception)}`);
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
      details: { errorId },
    };
  }
}
