import { Readable } from 'node:stream';
import Fastify from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { INBOUND_MIME_PATH, OversizedMail, registerRawMailBody } from './raw-mail-body';

describe('registerRawMailBody', () => {
  const MIB = 1024 * 1024;

  async function server(maxBytes: number) {
    const fastify = Fastify();
    registerRawMailBody(
      { getHttpAdapter: () => ({ getInstance: () => fastify }) } as unknown as NestFastifyApplication,
      maxBytes,
    );
    fastify.post(INBOUND_MIME_PATH, (request, reply) => {
      const body = request.body;
      void reply.send(
        body instanceof OversizedMail
          ? { oversized: true, head: body.head.length, size: body.size, basis: body.basis }
          : { bytes: (body as Buffer).length },
      );
    });
    fastify.post('/other', (request, reply) => void reply.send({ text: typeof request.body }));
    return fastify;
  }

  it('passes messages up to the limit as bytes, and larger ones as their head and size, however large', async () => {
    const app = await server(MIB);
    const post = (size: number) =>
      app.inject({
        method: 'POST',
        url: INBOUND_MIME_PATH,
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.alloc(size, 0x61),
      });
    expect((await post(MIB)).json()).toEqual({ bytes: MIB });
    // Up to twice the limit, counted to the end.
    expect((await post(1.5 * MIB)).json()).toEqual({
      oversized: true,
      head: MIB + 1,
      size: 1.5 * MIB,
      basis: 'counted',
    });
    // Beyond, reading stops; the size is the declared Content-Length.
    expect((await post(5 * MIB)).json()).toEqual({
      oversized: true,
      head: MIB + 1,
      size: 5 * MIB,
      basis: 'content_length',
    });
    await app.close();
  });

  it('says "at least" for a chunked body it stopped reading', async () => {
    const app = await server(64 * 1024);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const res = await app.inject({
      method: 'POST',
      url: INBOUND_MIME_PATH,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Readable.from(Array.from({ length: 40 }, () => chunk)),
    });
    const body = res.json<{ size: number; basis: string; head: number }>();
    expect(body).toMatchObject({ oversized: true, head: 64 * 1024 + 1, basis: 'at_least' });
    // Stopped just past the 1 MiB read cap, well before the 2.5 MiB sent.
    expect(body.size).toBeGreaterThan(MIB);
    expect(body.size).toBeLessThan(40 * chunk.length);
    await app.close();
  });

  it('keeps text/plain a string for other routes, and raw mail types refused there', async () => {
    const app = await server(64 * 1024);
    const text = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.json()).toEqual({ text: 'string' });
    const long = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'text/plain' },
      payload: 'x'.repeat(MIB + 1),
    });
    expect(long.statusCode).toBe(413);
    const raw = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'message/rfc822' },
      payload: 'x',
    });
    expect(raw.statusCode).toBe(415);
    await app.close();
  });
});
