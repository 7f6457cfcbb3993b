import type { Readable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const INBOUND_MIME_PATH = '/api/inbound/mime';

/**
 * A webhook body over INBOUND_MAX_BYTES: its first INBOUND_MAX_BYTES + 1 bytes and its size, so the
 * controller can log it as too_large (after checking the secret) before answering 413, as the SMTP
 * listener does. Bodies are counted to their end up to max(2 × INBOUND_MAX_BYTES, 1 MiB); past that,
 * reading stops and the size is the one Content-Length declares, or "at least" what was read
 * (`complete` is then false, and the connection is closed after the answer).
 */
export class OversizedMail {
  constructor(
    readonly head: Buffer,
    readonly size: number,
    readonly basis: 'counted' | 'content_length' | 'at_least' = 'counted',
  ) {}

  get complete(): boolean {
    return this.basis === 'counted';
  }
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
  // Count up to twice the limit, so a message somewhat over it is logged with its exact size.
  const readCap = Math.max(2 * maxBytes, TEXT_LIMIT);
  const isInbound = (request: FastifyRequest) => request.url.split('?')[0] === INBOUND_MIME_PATH;
  fastify.addContentTypeParser(['message/rfc822', 'application/octet-stream'], (request, payload, done) => {
    // Other routes keep refusing these types, as before.
    if (!isInbound(request)) return done(httpError(415, 'Unsupported Media Type'), undefined);
    void readBody(payload, contentLength(request), maxBytes, readCap).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });
  if (fastify.hasContentTypeParser('text/plain')) fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/plain', (request, payload, done) => {
    // Nothing is returned: Fastify would take a returned promise for the parsed body.
    const declared = contentLength(request);
    if (isInbound(request)) {
      void readBody(payload, declared, maxBytes, readCap).then(
        (body) => done(null, body),
        (error: Error) => done(error, undefined),
      );
      return;
    }
    if (declared !== null && declared > TEXT_LIMIT)
      return done(httpError(413, 'Request body is too large'), undefined);
    void readBody(payload, declared, TEXT_LIMIT, TEXT_LIMIT).then(
      (body) =>
        body instanceof OversizedMail
          ? done(httpError(413, 'Request body is too large'), undefined)
          : done(null, body.toString('utf8')),
      (error: Error) => done(error, undefined),
    );
  });
}

function contentLength(request: FastifyRequest): number | null {
  const value = request.headers['content-length'];
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/**
 * Reads the body, keeping at most `keep + 1` bytes: the whole body when it fits in `keep`, otherwise
 * an OversizedMail with its head and size (counted to the end, or up to `cap` and then stopped).
 */
function readBody(
  payload: Readable,
  declared: number | null,
  keep: number,
  cap: number,
): Promise<Buffer | OversizedMail> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    const head = () => Buffer.concat(chunks, kept);
    const finish = (result: Buffer | OversizedMail | Error) => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (kept <= keep) {
        const part = chunk.subarray(0, keep + 1 - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (size > cap) {
        // Stop reading: the rest is never looked at; the connection closes after the answer.
        payload.pause();
        finish(
          declared !== null && declared >= size
            ? new OversizedMail(head(), declared, 'content_length')
            : new OversizedMail(head(), size, 'at_least'),
        );
      }
    };
    const onEnd = () => finish(size > keep ? new OversizedMail(head(), size) : head());
    const onError = () => finish(httpError(400, 'The request body was not received whole'));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}
