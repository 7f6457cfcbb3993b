import { gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Env, MetricsService } from '@app/core';
import {
  ENTRY_BYTES,
  ResponseCache,
  VARIANT_BYTES,
  accepted,
  etagMatches,
  normalizedUrl,
} from './response-cache';

const cacheOf = (bytes: number) => {
  const metrics = new MetricsService();
  return { cache: new ResponseCache({ HTTP_CACHE_BYTES: bytes } as Env, metrics), metrics };
};

const count = async (metrics: MetricsService, result: string): Promise<number> =>
  (await metrics.httpCache.get()).values
    .filter((v) => v.labels.result === result)
    .reduce((s, v) => s + v.value, 0);

function fakeReply() {
  const headers: Record<string, string> = {};
  let status = 200;
  const reply = {
    header(name: string, value: string) {
      headers[name.toLowerCase()] = value;
      return reply;
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
    status(code: number) {
      status = code;
      return reply;
    },
    get statusCode() {
      return status;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers, status: () => status };
}

const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('ResponseCache', () => {
  it('counts hits and misses, and keeps the most recently used within the byte budget', async () => {
    // Room for four entries of 900 bytes (key and entry overhead included), not five.
    const { cache, metrics } = cacheOf(4 * (900 + 1 + ENTRY_BYTES) + 100);
    expect(cache.get('feed', 'a')).toBeUndefined();
    cache.put('a', 'x'.repeat(900), { contentType: 'text/plain' });
    cache.put('b', 'x'.repeat(900), { contentType: 'text/plain' });
    cache.put('c', 'x'.repeat(900), { contentType: 'text/plain' });
    cache.put('d', 'x'.repeat(900), { contentType: 'text/plain' });
    expect(cache.get('feed', 'a')).toBeDefined(); // a is now the most recent
    cache.put('e', 'x'.repeat(900), { contentType: 'text/plain' }); // over budget: b goes
    expect(cache.get('feed', 'b')).toBeUndefined();
    expect(cache.get('feed', 'a')).toBeDefined();
    expect(cache.size).toBe(4 * (900 + 1 + ENTRY_BYTES));
    expect(await count(metrics, 'hit')).toBe(2);
    expect(await count(metrics, 'miss')).toBe(2);
  });

  it('serves but does not keep a rendering over a quarter of the budget, nor anything with a zero budget', () => {
    expect(cacheOf(1000).cache.put('big', 'x'.repeat(300), { contentType: 'text/plain' }).held).toBe(false);
    const off = cacheOf(0).cache;
    off.put('k', 'x', { contentType: 'text/plain' });
    expect(off.get('listing', 'k')).toBeUndefined();
    expect(off.size).toBe(0);
  });

  it('forgets an entry once its time is up', () => {
    const { cache } = cacheOf(10_000);
    cache.put('k', 'x', { contentType: 'text/plain', ttlMs: -1 });
    expect(cache.get('event', 'k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('compresses once per entry, answers 304 for its ETag, and counts the variant in the budget', async () => {
    const { cache } = cacheOf(1_000_000);
    const body = 'BEGIN:VEVENT\r\n'.repeat(500);
    const entry = cache.put('feed', body, { contentType: 'text/calendar', etag: '"v1"' });
    const first = fakeReply();
    const gz = await cache.send(req({ 'accept-encoding': 'gzip' }), first.reply, entry);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz as Buffer).toString()).toBe(body);
    const again = await cache.send(req({ 'accept-encoding': 'gzip' }), fakeReply().reply, entry);
    expect(again).toBe(gz);
    expect(cache.size).toBe(
      body.length + 'feed'.length + ENTRY_BYTES + (gz as Buffer).length + VARIANT_BYTES,
    );
    const plain = fakeReply();
    expect(await cache.send(req({}), plain.reply, entry)).toBe(entry.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const notModified = fakeReply();
    expect(await cache.send(req({ 'if-none-match': 'W/"v1"' }), notModified.reply, entry)).toBeUndefined();
    expect(notModified.status()).toBe(304);
  });
});

describe('ResponseCache memory', () => {
  it('keeps bodies and compressed variants in memory of their own, not in the slabs they were cut from', async () => {
    const { cache } = cacheOf(1_000_000);
    const body = Array.from({ length: 200 }, (_, i) => `<li>event ${i}</li>`).join('');
    // A small string becomes a slice of Node's shared pool; zlib answers a slice of its output chunk.
    expect(Buffer.from(body, 'utf8').buffer.byteLength).toBeGreaterThan(body.length);
    const pooled = Buffer.from(`xx${body}`, 'utf8').subarray(2);
    for (const entry of [
      cache.put('string', body, { contentType: 'text/html' }),
      cache.put('slice', pooled, { contentType: 'text/html' }),
    ]) {
      expect(entry.body.buffer.byteLength).toBe(entry.body.length);
      expect(entry.body.toString()).toBe(body);
      for (const encoding of ['br', 'gzip']) {
        const variant = (await cache.send(
          req({ 'accept-encoding': encoding }),
          fakeReply().reply,
          entry,
        )) as Buffer;
        expect(variant.length).toBeLessThan(body.length);
        expect(variant.buffer.byteLength).toBe(variant.length);
      }
    }
  });
});

describe('header helpers', () => {
  it('prefers br, then gzip, and honours q=0', () => {
    expect(accepted('gzip, deflate, br')).toBe('br');
    expect(accepted('br;q=0, gzip')).toBe('gzip');
    expect(accepted('identity')).toBeNull();
    expect(accepted(undefined)).toBeNull();
    // `*` stands for the codings not named; one refused by name stays refused.
    expect(accepted('*')).toBe('br');
    expect(accepted('br;q=0, *')).toBe('gzip');
    expect(accepted('gzip;q=0, br;q=0, *')).toBeNull();
  });

  it('matches an ETag in a list, weak or strong', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
  });

  it('orders query parameters, so one listing asked two ways is one entry', () => {
    expect(normalizedUrl('/api/public/events?q=x&kind=y')).toBe(
      normalizedUrl('/api/public/events?kind=y&q=x'),
    );
    expect(normalizedUrl('/events')).toBe('/events');
  });
});

describe('ResponseCache.serve', () => {
  it('renders again when a going count the cached body shows has moved', async () => {
    const { cache, metrics } = cacheOf(100_000);
    let going = 3;
    let renders = 0;
    const serve = () =>
      cache.serve(
        'listing',
        'k',
        req({}),
        fakeReply().reply,
        () => {
          renders++;
          return Promise.resolve(`going ${going}`);
        },
        {
          contentType: 'text/plain',
          shown: () => ({ e1: going }),
          holds: (shown) => Promise.resolve(shown.e1 === going),
        },
      );
    expect(String(await serve())).toBe('going 3');
    expect(String(await serve())).toBe('going 3');
    going = 4;
    expect(String(await serve())).toBe('going 4');
    expect(renders).toBe(2);
    expect(await count(metrics, 'stale')).toBe(1);
    expect(await count(metrics, 'hit')).toBe(1);
  });

  it('renders once for requests that miss the same key together; each renders its own when nothing is kept', async () => {
    const { cache } = cacheOf(100_000);
    let renders = 0;
    let status = 200;
    const serve = (key: string) => {
      const { reply } = fakeReply();
      return cache.serve(
        'feed',
        key,
        req({}),
        reply,
        async () => {
          renders++;
          await new Promise((resolve) => setTimeout(resolve, 10));
          void reply.status(status);
          return `body ${renders}`;
        },
        { contentType: 'text/plain' },
      );
    };
    const together = await Promise.all([serve('k'), serve('k'), serve('k')]);
    expect(together.map(String)).toEqual(['body 1', 'body 1', 'body 1']);
    expect(renders).toBe(1);
    // A 404 is not kept: the others that waited for it render (and answer) themselves.
    status = 404;
    renders = 0;
    await Promise.all([serve('gone'), serve('gone'), serve('gone')]);
    expect(renders).toBe(3);
  });

  it('checks the counts of a rendering it waited for, as it would a hit', async () => {
    const { cache } = cacheOf(100_000);
    let going = 1;
    const serve = () =>
      cache.serve(
        'listing',
        'k',
        req({}),
        fakeReply().reply,
        async () => {
          const shown = going;
          await new Promise((resolve) => setTimeout(resolve, 10));
          return `going ${shown}`;
        },
        {
          contentType: 'text/plain',
          shown: () => ({ e1: 1 }),
          holds: (s) => Promise.resolve(s.e1 === going),
        },
      );
    const first = serve();
    going = 2; // an answer committed after the rendering read its counts, before the second request
    const second = serve();
    expect(String(await first)).toBe('going 1');
    expect(String(await second)).toBe('going 2');
  });
});
