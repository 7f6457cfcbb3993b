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
          ? { oversized: true, head: body.head.length, size: body.size }
          : { bytes: (body as Buffer).length },
      );
    });
    fastify.post('/other', (request, reply) => void reply.send({ text: typeof request.body }));
    return fastify;
  }

  it('passes messages up to the limit as bytes, and somewhat larger ones (up to twice it) as their head and size', async () => {
    const app = await server(MIB);
    const post = (size: number) =>
      app.inject({
        method: 'POST',
        url: INBOUND_MIME_PATH,
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.alloc(size, 0x61),
      });
    expect((await post(MIB)).json()).toEqual({ bytes: MIB });
    // With the default limit (1 MiB) a 1.5 MiB message still reaches the controller, to be logged.
    expect((await post(1.5 * MIB)).json()).toEqual({ oversized: true, head: MIB + 1, size: 1.5 * MIB });
    expect((await post(2 * MIB + 1)).statusCode).toBe(413);
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
