import request from 'supertest';
import { startHearth } from '../apps/api/src/server';
import { TestApp, linkIn, startTestApp } from './support/app';
import { withoutRequestId } from './support/fixtures';

const cookieFrom = (res: request.Response): string => {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const session = (header ?? []).find((c) => c.startsWith('hearth_session='));
  if (!session) throw new Error('no session cookie');
  return session.split(';')[0];
};

describe('identity (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('first start', () => {
    it('creates the owner and a one-time sign-in link that a GET does not use up', async () => {
      expect(t.server.ownerSignIn?.email).toBe('owner@hearth.test');
      const link = new URL(t.server.ownerSignIn?.link ?? '');
      expect(link.origin).toBe('http://hearth.test');
      const token = link.searchParams.get('token') ?? '';

      for (let i = 0; i < 2; i++) {
        const page = await t
          .http()
          .get(`/auth/magic?token=${encodeURIComponent(token)}`)
          .expect(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.text).toContain('<form method="post" action="/auth/magic">');
        expect(page.headers['set-cookie']).toBeUndefined();
      }

      const signIn = await t.http().post('/auth/magic').type('form').send({ token }).expect(303);
      // The first sign-in step first, then home (the owner reaches the admin app from there).
      expect(signIn.headers.location).toBe('/welcome?next=%2Fhome');
      const cookie = cookieFrom(signIn);
      expect(signIn.headers['set-cookie']?.[0]).toMatch(/HttpOnly/);
      expect(signIn.headers['set-cookie']?.[0]).toMatch(/SameSite=Lax/);
      const me = await t.http().get('/api/me').set('Cookie', cookie).expect(200);
      expect(me.body).toMatchObject({ email: 'owner@hearth.test', instanceRole: 'owner' });

      const again = await t.http().post('/auth/magic').type('form').send({ token }).expect(400);
      expect(again.text).toContain('cannot be used');
    });

    it('does not create a second owner or link on the next start', async () => {
      const second = await startHearth({
        env: Object.assign(Object.create(Object.getPrototypeOf(t.env)), t.env, { PORT: 0 }),
        databaseUrl: t.databaseUrl,
        logLevels: ['error'],
      });
      try {
        expect(second.ownerSignIn).toBeNull();
        const [{ count }] = await second.dataSource.query(
          `SELECT count(*)::int AS count FROM users WHERE instance_role = 'owner'`,
        );
        expect(count).toBe(1);
      } finally {
        await second.close();
      }
    });
  });

  describe('password sign-in', () => {
    it('signs an organizer in with a password and out again, revoking the session', async () => {
      const { cookie: first } = await t.sessionFor('organizer@example.org', 'Sam');
      await t.http().put('/api/me/password').set('Cookie', first).send({ newPassword: 'short' }).expect(422);
      await t
        .http()
        .put('/api/me/password')
        .set('Cookie', first)
        .send({ newPassword: 'correct horse battery' })
        .expect(204);

      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'organizer@example.org', password: 'nope nope nope' })
        .expect(401);
      expect(wrong.body).toEqual({
        statusCode: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'Email or password is incorrect',
        requestId: expect.any(String),
      });
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'nobody@example.org', password: 'nope nope nope' })
        .expect(401);
      expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));

      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ORGANIZER@example.org', password: 'correct horse battery' })
        .expect(200);
      expect(login.body.user).toMatchObject({ email: 'organizer@example.org', displayName: 'Sam' });
      expect(login.body.user.passwordHash).toBeUndefined();
      const cookie = cookieFrom(login);
      await t.http().get('/api/me').set('Cookie', cookie).expect(200);
      await t.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
      const after = await t.http().get('/api/me').set('Cookie', cookie).expect(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      // The other session is untouched.
      await t.http().get('/api/me').set('Cookie', first).expect(200);
    });

    it('answers many signed-in requests at once each as its own person, and none for a session signed out', async () => {
      // Session lookups arriving together share one statement: each must get its own row back.
      const people = await Promise.all(
        Array.from({ length: 24 }, (_, i) => t.sessionFor(`together${i}@example.org`, `Together ${i}`)),
      );
      const [gone] = people;
      await t.http().post('/api/auth/logout').set('Cookie', gone.cookie).expect(204);
      const answers = await Promise.all(people.map((p) => t.http().get('/api/me').set('Cookie', p.cookie)));
      expect(answers[0].status).toBe(401);
      answers.slice(1).forEach((res, i) => {
        expect(res.status).toBe(200);
        expect(res.body.email).toBe(`together${i + 1}@example.org`);
      });
    });

    it('needs the current password to change an existing one', async () => {
      const { cookie } = await t.sessionFor('changer@example.org');
      await t
        .http()
        .put('/api/me/password')
        .set('Cookie', cookie)
        .send({ newPassword: 'first password 1' })
        .expect(204);
      const res = await t
        .http()
        .put('/api/me/password')
        .set('Cookie', cookie)
        .send({ newPassword: 'second password 2' })
        .expect(403);
      expect(res.body.code).toBe('CURRENT_PASSWORD_REQUIRED');
      await t
        .http()
        .put('/api/me/password')
        .set('Cookie', cookie)
        .send({ currentPassword: 'first password 1', newPassword: 'second password 2' })
        .expect(204);
    });
  });

  describe('magic links', () => {
    it('mails a link that signs in once, and answers known and unknown addresses alike', async () => {
      await t.sessionFor('known@example.org');
      const known = await t
        .http()
        .post('/api/auth/magic-link')
        .send({ email: 'known@example.org' })
        .expect(202);
      const unknown = await t
        .http()
        .post('/api/auth/magic-link')
        .send({ email: 'newcomer@example.org' })
        .expect(202);
      expect(known.body).toEqual(unknown.body);

      const mail = await t.smtp.waitFor('newcomer@example.org');
      expect(mail.parsed.subject).toBe('Your Hearth sign-in link');
      expect(mail.parsed.html).toContain('href="http://hearth.test/auth/magic?token=');
      const link = new URL(linkIn(mail.parsed.text, /\/auth\/magic\?token=/));
      const token = link.searchParams.get('token');

      const consumed = await t.http().post('/api/auth/magic-link/consume').send({ token }).expect(200);
      expect(consumed.body.user).toMatchObject({ email: 'newcomer@example.org', instanceRole: 'member' });
      await t.http().get('/api/me').set('Cookie', cookieFrom(consumed)).expect(200);

      const reused = await t.http().post('/api/auth/magic-link/consume').send({ token }).expect(400);
      expect(reused.body.code).toBe('MAGIC_LINK_INVALID');
      await t.smtp.waitFor('known@example.org');
    });

    it('refuses an expired link', async () => {
      await t.http().post('/api/auth/magic-link').send({ email: 'late@example.org' }).expect(202);
      const mail = await t.smtp.waitFor('late@example.org');
      const token = new URL(linkIn(mail.parsed.text, /token=/)).searchParams.get('token');
      await t.dataSource.query(
        `UPDATE magic_links SET expires_at = now() - interval '1 second' WHERE lower(email) = 'late@example.org'`,
      );
      const res = await t.http().post('/api/auth/magic-link/consume').send({ token }).expect(400);
      expect(res.body.code).toBe('MAGIC_LINK_INVALID');
    });

    it('rate limits requests for one address', async () => {
      for (let i = 0; i < 5; i++)
        await t.http().post('/api/auth/magic-link').send({ email: 'flood@example.org' }).expect(202);
      const limited = await t
        .http()
        .post('/api/auth/magic-link')
        .send({ email: 'flood@example.org' })
        .expect(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('API tokens', () => {
    it('authenticates scripts with a Bearer token until it is revoked', async () => {
      const { cookie } = await t.sessionFor('scripter@example.org');
      const created = await t
        .http()
        .post('/api/me/tokens')
        .set('Cookie', cookie)
        .send({ name: 'backup script' })
        .expect(201);
      expect(created.body.token).toMatch(/^hth_/);
      const stored = await t.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [
        created.body.id,
      ]);
      expect(stored[0].token_hash).not.toContain(created.body.token);

      const me = await t
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${created.body.token}`)
        .expect(200);
      expect(me.body.email).toBe('scripter@example.org');
      const list = await t.http().get('/api/me/tokens').set('Cookie', cookie).expect(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0].token).toBeUndefined();

      await t.http().delete(`/api/me/tokens/${created.body.id}`).set('Cookie', cookie).expect(204);
      await t.http().get('/api/me').set('Authorization', `Bearer ${created.body.token}`).expect(401);
      await t.http().get('/api/me').set('Authorization', 'Bearer hth_forged').expect(401);
    });
  });

  describe('API conventions', () => {
    it('refuses unknown fields with 400 and the one error shape', async () => {
      const res = await t
        .http()
        .post('/api/auth/magic-link')
        .send({ email: 'x@example.org', isAdmin: true })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body.details)).toContain('isAdmin');
    });

    it('answers malformed JSON, bad ids and unknown routes with JSON errors, not 500', async () => {
      const bad = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":')
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const { cookie } = await t.sessionFor('ids@example.org');
      const badId = await t.http().delete('/api/me/tokens/not-a-uuid').set('Cookie', cookie).expect(400);
      expect(badId.body.code).toBe('VALIDATION_FAILED');
      const missing = await t.http().get('/api/nothing-here').expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it('serves health, readiness, helmet headers and OpenAPI', async () => {
      await t.http().get('/health').expect(200, { status: 'ok' });
      const ready = await t.http().get('/ready').expect(200);
      expect(ready.body).toEqual({
        status: 'ready',
        checks: { database: { ok: true, latencyMs: expect.any(Number) } },
      });
      expect(ready.headers['x-content-type-options']).toBe('nosniff');
      expect(ready.headers['content-security-policy']).toContain("default-src 'self'");
      // Errors and the admin app's files carry them too.
      const missing = await t.http().get('/api/nothing-here').expect(404);
      expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(missing.headers['content-security-policy']).toContain("form-action 'self'");
      const admin = await t.http().get('/admin/');
      expect(admin.headers['content-security-policy']).toContain("default-src 'self'");
      const docs = await t.http().get('/api/docs-json').expect(200);
      expect(docs.body.openapi).toMatch(/^3\./);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/groups/{slug}']),
      );
      await t.http().get('/api/docs').expect(200);
    });
  });
});
