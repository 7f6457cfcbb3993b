import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html';
import { renderPage } from './page';

/** Where `npm run build:admin` writes the admin app: dist/admin beside the repository's package.json. */
export function findAdminBuildDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'admin');
    if (dirname(dir) === dir) return resolve('dist', 'admin');
  }
}

// prettier-ignore
const NOT_BUILT = renderPage(
  'The admin app is not built',
  html`<p>This server has no admin app to show yet. Build it with <code>npm run build:admin</code> (or <code>npm run build</code>), then reload this page.</p>`,
);

/**
 * Who may be served the admin app's HTML: `serve`, or where to send them instead (303). Signed-out
 * visitors are served it (its own sign-in screen: password or emailed link); a signed-in person who
 * organizes or moderates nowhere is sent to their home, never shown the organizers' screens.
 */
export type AdminGate = (request: FastifyRequest) => Promise<'serve' | { redirect: string }>;

/**
 * Serves the admin single-page app at /admin: hashed files under /admin/assets/ (cached for good),
 * every other /admin/* path gets index.html so client-side routes survive a reload. The build is
 * looked up per request, so building while the server runs needs no restart; without a build the
 * answer is a 503 page that says how to make one. Registered after helmet, so its CSP applies.
 */
export async function registerAdminApp(
  app: NestFastifyApplication,
  root: string = findAdminBuildDir(),
  gate?: AdminGate,
): Promise<void> {
  await app.register(async (instance: FastifyInstance) => {
    // preCompressed: the build writes .br and .gz beside each file (scripts/precompress.ts); they are
    // sent as they are with Content-Encoding and Vary, the original when the client takes neither.
    await instance.register(fastifyStatic, {
      root,
      serve: false,
      index: false,
      suppressWarning: true,
      preCompressed: true,
    });
    instance.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));
    instance.get('/admin/*', async (request, reply) => {
      const path = (request.params as { '*'?: string })['*'] ?? '';
      // Hashed files are the same for everyone (and carry nothing of anyone's); the HTML is gated.
      const decision = gate && !path.startsWith('assets/') ? await gate(request) : 'serve';
      if (decision !== 'serve') {
        return reply
          .code(303)
          .header('Location', decision.redirect)
          .header('Cache-Control', 'no-store')
          .send();
      }
      return serveAdmin(request, reply, root);
    });
  });
}

function serveAdmin(request: FastifyRequest, reply: FastifyReply, root: string): FastifyReply {
  if (!existsSync(join(root, 'index.html'))) {
    return reply
      .code(503)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(NOT_BUILT);
  }
  const path = (request.params as { '*'?: string })['*'] ?? '';
  // Path checks (no "..", no dotfiles outside root) are @fastify/static's; a missing asset is a 404.
  if (path.startsWith('assets/')) return reply.sendFile(path, root, { maxAge: '365d', immutable: true });
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
}
