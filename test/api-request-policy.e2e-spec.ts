import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

/**
 * Cross-site request forgery against the JSON API: a page elsewhere can make the browser send a form
 * (form-encoded, multipart, text/plain) or a credentialed fetch with the session cookie. The API takes
 * only JSON bodies, and a cookie-authenticated state change only from Hearth's own origin.
 */
describe('JSON-only bodies and same-origin session requests (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let member: Person;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'csrf', { participants: 1 });
    organizer = setup.organizer;
    [member] = setup.participants;
    const start = inDays(5);
    const created = await t
      .http()
      .post('/api/groups/csrf/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'online_discussion',
        title: 'Forgery-proof',
        startsAt: start,
        endsAt: hoursAfter(start, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/csrf',
        status: 'scheduled',
      })
      .expect(201);
    eventId = created.body.id;
  });
  afterAll(() => t.close());

  it('answers API reads as private to the browser, so no shared cache keeps a signed-in view', async () => {
    const res = await t.http().get(`/api/events/${eventId}`).set('Cookie', member.cookie).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const listing = await t.http().get('/api/public/events').expect(200);
    expect(listing.headers['cache-control']).toBe('private, no-cache');
  });

  const myRsvp = async (who: Person): Promise<string | null> => {
    const rows: Array<{ status: string }> = await t.dataSource.query(
      `SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, who.userId],
    );
    return rows[0]?.status ?? null;
  };
  const invitesTo = async (email: string): Promise<number> => {
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM group_invites WHERE email = $1`,
      [email],
    );
    return count as number;
  };
  const expectErrorShape = (body: Record<string, unknown>, statusCode: number, code: string) =>
    expect(body).toEqual({
      statusCode,
      code,
      message: expect.any(String),
      details: expect.any(Object),
      requestId: expect.any(String),
    });

  it('refuses a form-encoded RSVP with the session cookie (415), and changes nothing', async () => {
    const res = await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', member.cookie)
      .set('Origin', 'http://hearth.test')
      .type('form')
      .send('status=going')
      .expect(415);
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await myRsvp(member)).toBeNull();
  });

  it('refuses the other bodies an HTML form can send, signed in or not', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x']) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', type)
        .send('{"email":"a@b.c","password":"x"}')
        .expect(415);
      expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it.each([
    ['an Origin of another site', { Origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin: null (a sandboxed frame)', { Origin: 'null' }],
    ['an Origin with the right host but from another site', { Origin: 'https://hearth.test.evil.example' }],
  ])('refuses a JSON RSVP with the session cookie and %s (403)', async (_, headers) => {
    const res = await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', member.cookie)
      .set(headers)
      .send({ status: 'going' })
      .expect(403);
    expectErrorShape(res.body, 403, 'FORBIDDEN');
    expect(res.body.details).toEqual({ reason: 'cross_origin' });
    expect(await myRsvp(member)).toBeNull();
  });

  it('judges the route that answers, not the spelling of the URL (absolute-form request target)', async () => {
    const { request } = await import('node:http');
    const target = new URL(t.url);
    const status = await new Promise<number>((done, fail) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method: 'POST',
          // Absolute-form, as sent to a proxy: the router still takes it to /api/events/:id/rsvps.
          path: `http://hearth.test/api/events/${eventId}/rsvps`,
          headers: {
            Cookie: member.cookie,
            Origin: 'https://evil.example',
            'Content-Type': 'application/json',
          },
        },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end(JSON.stringify({ status: 'going' }));
    });
    expect(status).toBe(403);
    expect(await myRsvp(member)).toBeNull();
  });

  it('refuses a cross-site organizer invitation and a cross-site logout', async () => {
    await t
      .http()
      .post('/api/groups/csrf/members')
      .set('Cookie', organizer.cookie)
      .set('Origin', 'https://evil.example')
      .send({ email: 'attacker@evil.example', role: 'organizer' })
      .expect(403);
    expect(await invitesTo('attacker@evil.example')).toBe(0);
    await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', member.cookie)
      .set('Origin', 'https://evil.example')
      .expect(403);
    await t.http().get('/api/me').set('Cookie', member.cookie).expect(200);
  });

  it('takes cookie requests from its own origin, by PUBLIC_BASE_URL, Sec-Fetch-Site or the Host', async () => {
    const rsvp = (headers: Record<string, string>, status: string) =>
      t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', member.cookie)
        .set(headers)
        .send({ status })
        .expect(200);
    await rsvp({ Origin: 'http://hearth.test' }, 'maybe');
    expect(await myRsvp(member)).toBe('maybe');
    await rsvp({ 'Sec-Fetch-Site': 'same-origin', Origin: 'http://hearth.test' }, 'going');
    expect(await myRsvp(member)).toBe('going');
    // A dev server reached by another name than PUBLIC_BASE_URL: Origin and Host agree.
    await rsvp({ Origin: t.url }, 'maybe');
    expect(await myRsvp(member)).toBe('maybe');
    // No Origin and no Sec-Fetch-Site: not a browser (a script with a cookie jar), which forgery needs.
    await rsvp({}, 'going');
    expect(await myRsvp(member)).toBe('going');
  });

  it('takes a bodiless POST without Content-Type from its own origin (logout)', async () => {
    const session = await t.sessionFor(member.email);
    await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('Origin', 'http://hearth.test')
      .expect(204);
    await t.http().get('/api/me').set('Cookie', session.cookie).expect(401);
  });

  it('takes API-token requests from anywhere: a page cannot set Authorization across sites', async () => {
    const token = await t
      .http()
      .post('/api/me/tokens')
      .set('Cookie', organizer.cookie)
      .send({ name: 'integration' })
      .expect(201);
    const bearer = `Bearer ${token.body.token as string}`;
    await t
      .http()
      .post('/api/groups/csrf/members')
      .set('Authorization', bearer)
      .set('Cookie', organizer.cookie)
      .set('Origin', 'https://integration.example')
      .send({ email: 'co-organizer@csrf.test', role: 'organizer' })
      .expect(202);
    expect(await invitesTo('co-organizer@csrf.test')).toBe(1);
    // Still JSON only.
    await t
      .http()
      .post('/api/groups/csrf/members')
      .set('Authorization', bearer)
      .type('form')
      .send('email=x@csrf.test')
      .expect(415);
  });
});
