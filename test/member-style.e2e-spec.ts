import { TestApp, startTestApp } from './support/app';

/** The member pages link one stylesheet, served under a name that changes with its text. */
describe('member stylesheet (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is linked by every member page and served as CSS for a year; any other name is a 404', async () => {
    const page = await t.http().get('/events').expect(200);
    const href = /<link rel="stylesheet" href="(\/styles\/member-[0-9a-f]{16}\.css)"/.exec(page.text)?.[1];
    expect(href).toBeDefined();
    expect(page.text).not.toContain(':root{--ink');
    const css = await t.http().get(String(href)).expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.text).toContain(':root{--ink');
    const gz = await t.http().get(String(href)).set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    await t.http().get('/styles/member-0000000000000000.css').expect(404);
    // The sign-in page (no event, no cache) links the same file.
    expect((await t.http().get('/sign-in').expect(200)).text).toContain(String(href));
  });
});
