import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv } from 'vite';

/**
 * Run from the repository root with the app folder as Vite's root: `vite build apps/admin` writes
 * dist/admin (served by the api at /admin), `vite apps/admin` is the dev server, which proxies the
 * API to HEARTH_API_URL (default http://127.0.0.1:3000, where `npm start` listens).
 */
export default defineConfig(({ mode }) => {
  const api = loadEnv(mode, '.', 'HEARTH_').HEARTH_API_URL ?? 'http://127.0.0.1:3000';
  return {
    base: '/admin/',
    // The libs the app bundles, neither importing another: message catalogues and the date formatter
    // (i18n), and when events may happen (scheduling, the API's own rules).
    resolve: {
      alias: {
        '@app/i18n': fileURLToPath(new URL('../../libs/i18n/src', import.meta.url)),
        '@app/scheduling': fileURLToPath(new URL('../../libs/scheduling/src', import.meta.url)),
      },
    },
    // No React plugin: Vite's own transform (Oxc) compiles TSX with React's automatic runtime.
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: {
      outDir: '../../dist/admin',
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
    },
    server: {
      port: 5173,
      // The API, the sign-in link page and the server-rendered member pages the app links to.
      proxy: Object.fromEntries(
        [
          '/api',
          '/auth',
          '/events',
          '/groups',
          '/topics',
          '/invites',
          '/networking',
          '/sign-in',
          '/sign-out',
          '/rsvp',
        ].map((path) => [path, { target: api, changeOrigin: false }]),
      ),
    },
  };
});
