import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerCompression } from '../apps/api/src/http/compression';
import { registerAdminApp } from '../apps/api/src/pages/admin-app';
import { precompressDirectory } from '../scripts/precompress';
import { TestApp, startTestApp } from './support/app';
import { groupWithTopic, hoursAfter, inDays } from './support/fixtures';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, not decoded. */
  body: Buffer;
}

/** A GET that leaves the body as sent (supertest and fetch would decode it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest('GET', url, headers);
}

function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function decoded(res: RawResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body);
  if (encoding === 'gzip') return gunzipSync(res.body);
  if (encoding === undefined) return res.body;
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

const varies = (res: RawResponse): boolean =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(',')
    .some((v) => v.trim() === 'accept-encoding');

@Module({})
class EmptyModule {}

describe('compression (e2e)', () => {
  describe('the admin build, precompressed', () => {
    let root: string;
    let app: NestFastifyApplication;
    let base: string;
    const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
    const html = `<!doctype html><html><head><title>Hearth</title></head><body>${'<p>Admin</p>'.repeat(200)}</body></html>`;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'hearth-admin-'));
      await mkdir(join(root, 'assets'));
      await writeFile(join(root, 'index.html'), html);
      await writeFile(join(root, 'assets', 'index-Ab12Cd34.js'), script);
      await writeFile(join(root, 'assets', 'tiny-Ef56Gh78.js'), 'export {};\n');
      const written = await precompressDirectory(root);
      expect(written.map((f) => f.path).sort()).toEqual(['assets/index-Ab12Cd34.js', 'index.html']);
      // The same functions server.ts calls, on a bare app serving this folder.
      app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), {
        logger: false,
      });
      await registerCompression(app);
      await registerAdminApp(app, root);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.getHttpServer().address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      await app.close();
      await rm(root, { recursive: true, force: true });
    });

    it('writes .br and .gz copies beside files large enough to gain', async () => {
      const br = await readFile(join(root, 'assets', 'index-Ab12Cd34.js.br'));
      const gz = await readFile(join(root, 'assets', 'index-Ab12Cd34.js.gz'));
      expect(brotliDecompressSync(br).toString()).toBe(script);
      expect(gunzipSync(gz).toString()).toBe(script);
      await expect(readFile(join(root, 'assets', 'tiny-Ef56Gh78.js.br'))).rejects.toThrow('ENOENT');
    });

    it.each(['br', 'gzip'])('serves a hashed asset as %s, cached as immutable', async (encoding) => {
      const res = await rawGet(`${base}/admin/assets/index-Ab12Cd34.js`, {
        'accept-encoding': `${encoding}`,
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(varies(res)).toBe(true);
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.headers['cache-control']).toContain('max-age=31536000');
      expect(res.body.length).toBeLessThan(script.length / 3);
      expect(decoded(res).toString()).toBe(script);
      // The very bytes the build wrote, not a copy compressed per request.
      const copy = await readFile(
        join(root, 'assets', `index-Ab12Cd34.js.${encoding === 'br' ? 'br' : 'gz'}`),
      );
      expect(res.body.equals(copy)).toBe(true);
    });

    it('prefers brotli, and sends the original to a client that accepts neither', async () => {
      const both = await rawGet(`${base}/admin/assets/index-Ab12Cd34.js`, {
        'accept-encoding': 'gzip, deflate, br',
      });
      expect(both.headers['content-encoding']).toBe('br');
      const plain = await rawGet(`${base}/admin/assets/index-Ab12Cd34.js`);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(varies(plain)).toBe(true);
      expect(plain.body.toString()).toBe(script);
    });

    it('serves index.html for client routes compressed, and not cached for good', async () => {
      const res = await rawGet(`${base}/admin/groups/some-group`, { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(varies(res)).toBe(true);
      expect(decoded(res).toString()).toBe(html);
    });
  });

  describe('pages, JSON and feeds, compressed on the fly', () => {
    let t: TestApp;
    const feed = '/api/feeds/groups/squeeze.ics';

    beforeAll(async () => {
      t = await startTestApp();
      const { organizer, topicId } = await groupWithTopic(t, 'squeeze');
      const start = inDays(3);
      await t
        .http()
        .post(`/api/topics/${topicId}/series`)
        .set('Cookie', organizer.cookie)
        .send({
          title: 'Weekly networking',
          events: Array.from({ length: 8 }, (_, i) => ({
            kind: 'virtual_networking',
            title: `Networking round ${i + 1}`,
            description: 'Meet other members in small rooms for timed rounds. '.repeat(6),
            startsAt: hoursAfter(start, i * 24 * 7),
            endsAt: hoursAfter(start, i * 24 * 7 + 1),
            timezone: 'Europe/Berlin',
            joinUrl: 'https://meet.example.org/round',
            locationVisibility: 'public',
          })),
        })
        .expect(201);
    });
    afterAll(() => t.close());

    it.each([
      ['a feed', feed, /text\/calendar/],
      ['the public listing (JSON)', '/api/public/events', /application\/json/],
      ['the events page (HTML)', '/events', /text\/html/],
    ])('compresses %s when the client accepts it', async (_name, path, type) => {
      const plain = await rawGet(`${t.url}${path}`);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      for (const encoding of ['br', 'gzip']) {
        const res = await rawGet(`${t.url}${path}`, { 'accept-encoding': encoding });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(type);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(varies(res)).toBe(true);
        expect(res.body.length).toBeLessThan(plain.body.length / 2);
        if (path !== '/events') expect(decoded(res).toString()).toBe(plain.body.toString());
        else expect(decoded(res).toString()).toContain('Networking round 8');
      }
    });

    it('keeps the feed ETag: a compressed 200 carries it and If-None-Match still gets a bodiless 304', async () => {
      const res = await rawGet(`${t.url}${feed}`, { 'accept-encoding': 'br, gzip' });
      expect(res.headers['content-encoding']).toBe('br');
      const etag = res.headers.etag;
      expect(etag).toBeTruthy();
      const again = await rawGet(`${t.url}${feed}`, {
        'accept-encoding': 'br, gzip',
        'if-none-match': String(etag),
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['content-encoding']).toBeUndefined();
      expect(varies(again)).toBe(true);
    });

    it('leaves small responses alone', async () => {
      const res = await rawGet(`${t.url}/health`, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThan(1024);
      expect(res.headers['content-encoding']).toBeUndefined();
    });

    it('does not decompress request bodies (the body limits count the bytes that arrive)', async () => {
      const login = JSON.stringify({ email: 'nobody@example.org', password: 'not-the-password' });
      const post = (headers: Record<string, string>, body: Buffer) =>
        rawRequest(
          'POST',
          `${t.url}/api/auth/login`,
          { 'content-type': 'application/json', ...headers },
          body,
        );
      const plain = await post({}, Buffer.from(login));
      const zipped = await post({ 'content-encoding': 'gzip' }, gzipSync(login));
      // Inflated, the gzip body would be answered as the plain one is; as sent, it is not JSON.
      expect(plain.status).toBe(401);
      expect(zipped.status).toBe(400);
      expect(JSON.parse(zipped.body.toString()).statusCode).toBe(400);
    });
  });
});
