import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, retry, throwError, timer } from 'rxjs';
import { DATABASE_READ_RETRY_DELAY_MS, databaseUnavailable } from '@app/core';

/**
 * Runs a GET or HEAD handler a second time when it failed because its database connection died
 * (a terminated backend, a reset socket, a refused connect during a restart): one retry, on a fresh
 * connection, and only if nothing was sent yet. GET changes nothing here (DESIGN §5), so running it
 * twice is safe; writes are never retried — a POST that lost its connection may have committed.
 * Timeouts are not retried either, so an unreachable database costs one wait, not two.
 * The guard's session lookup is retried where it runs (preparedRows), since guards run before this.
 */
@Injectable()
export class ReadRetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const method = http.getRequest<FastifyRequest>().method;
    if (method !== 'GET' && method !== 'HEAD') return next.handle();
    const reply = http.getResponse<FastifyReply>();
    // next.handle() is deferred: subscribing again invokes the handler (and its pipes) again.
    return next.handle().pipe(
      retry({
        count: 1,
        delay: (error: unknown) =>
          databaseUnavailable(error)?.transient && !reply.sent
            ? timer(DATABASE_READ_RETRY_DELAY_MS)
            : throwError(() => error),
      }),
    );
  }
}
