import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const INBOUND_MIME_PATH = '/api/inbound/mime';

/**
 * A webhook body over INBOUND_MAX_BYTES: its first INBOUND_MAX_BYTES + 1 bytes and its size, so the
 * controller can log it as too_large (after checking the secret) before answering 413, as the SMTP
 * listener does. Bodies over max(2 × INBOUND_MAX_BYTES, 1 MiB) are refused while being read, unlogged.
 */
export class OversizedMail {
  constructor(
    readonly head: Buffer,
    readonly size: number,
  ) {}
}
/** Bodies other routes accept as text/plain keep the default 1 MiB limit. */
const TEXT_LIMIT = 1024 * 1024;

/**
 * POST /api/inbound/mime takes the raw RFC 822 message as `message/rfc822`, `application/octet-stream`
 * or `text/plain`, kept as bytes (a decoded string would lose 8-bit content) up to INBOUND_MAX_BYTES.
 * Fastify's own text/plain parser is replaced by one that gives other routes the same string as before.
 */
export function registerRawMailBody(app: NestFastifyApplication, maxBytes: number): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  // Read up to twice the limit, so a message somewhat over it can still be logged as too_large.
  const limit = Math.max(2 * maxBytes, TEXT_LIMIT);
  const isInbound = (request: FastifyRequest) => request.url.split('?')[0] === INBOUND_MIME_PATH;
  fastify.addContentTypeParser(
    ['message/rfc822', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: limit },
    (request, body, done) => {
      // Other routes keep refusing these types, as before.
      if (!isInbound(request)) return done(httpError(415, 'Unsupported Media Type'), undefined);
      done(null, keep(body as Buffer));
    },
  );
  const keep = (bytes: Buffer): Buffer | OversizedMail =>
    bytes.length > maxBytes ? new OversizedMail(bytes.subarray(0, maxBytes + 1), bytes.length) : bytes;
  if (fastify.hasContentTypeParser('text/plain')) fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    'text/plain',
    { parseAs: 'buffer', bodyLimit: limit },
    (request, body, done) => {
      const bytes = body as Buffer;
      if (isInbound(request)) return done(null, keep(bytes));
      if (bytes.length > TEXT_LIMIT) return done(httpError(413, 'Request body is too large'), undefined);
      done(null, bytes.toString('utf8'));
    },
  );
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}
