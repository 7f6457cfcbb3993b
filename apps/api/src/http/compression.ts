import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Bodies smaller than this go out as they are: a frame of compression overhead would eat the gain. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** The types worth compressing on the fly: pages, JSON, calendar files, CSV exports. */
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript|xml)\b)/;

/**
 * Compresses HTML, JSON and iCalendar responses (brotli, else gzip) when the client accepts it and
 * the body is large enough. Request bodies are never decompressed: the body limits count the bytes
 * that arrive. The admin app's files come precompressed from the build (admin-app.ts) and pass
 * through untouched, as do 304s, which have no body: a feed's ETag check runs before any of this.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
  });
  // A response of a type that may be compressed varies with Accept-Encoding even when this one was
  // not (too small, or a 304 of a feed whose 200 was compressed): say so, for shared caches.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
      const type = reply.getHeader('content-type');
      if (reply.statusCode === 304 || (typeof type === 'string' && COMPRESSIBLE.test(type))) {
        addVaryAcceptEncoding(reply);
      }
      return payload;
    });
}

function addVaryAcceptEncoding(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const values = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.some((v) => v === '*' || v.toLowerCase() === 'accept-encoding')) return;
  // Lower case, as @fastify/compress looks for it that way before adding its own.
  reply.header('vary', [...values, 'accept-encoding'].join(', '));
}
