import { PrincipalResolver } from '../libs/identity/src';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic } from './support/fixtures';
import { createEvent } from './support/inbound';

const SLUG = 'hits-group';

/** Headers that belong to one answer, not to what was answered. */
const PER_ANSWER = ['date', 'x-request-id', 'connection', 'keep-alive'];
const sameAnswer = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.includes(name)));

/**
 * Issue 14: a signed-out GET whose answer is in the response cache is sent before Nest's guard,
 * pipes and handler run (registerCacheHits). The guard resolving the caller is the sign that the
 * handler's pipeline ran. A hit must be the handled answer byte for byte, headers included; a
 * signed-in caller, a rendering that set a cookie, and counts that moved are always the handler's.
 */
describe('cache hits before the handler (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let member: Person;
  let eventId: string;
  let handled: jest.SpyInstance;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, SLUG, { participants: 1 });
    organizer = setup.organizer;
    [member] = setup.participants;
    eventId = await createEvent(t, SLUG, organizer, { capacity: 5, attendeeVisibility: 'count' });
    handled = jest.spyOn(t.server.app.get(PrincipalResolver), 'resolve');
  });

  afterAll(() => t.close());

  const routes = (): string[] => [
    '/api/public/events?limit=20',
    '/events',
    `/api/events/${eventId}`,
    `/events/${eventId}`,
    `/api/feeds/groups/${SLUG}.ics`,
  ];

  it('answers a repeated signed-out GET from the cache with the handled answer, headers and all', async () => {
    for (const path of routes()) {
      for (const encoding of ['identity', 'gzip']) {
        const first = await t.http().get(path).set('Accept-Encoding', encoding).buffer(true).expect(200);
        handled.mockClear();
        const again = await t.http().get(path).set('Accept-Encoding', encoding).buffer(true).expect(200);
        expect({ path, handled: handled.mock.calls.length }).toEqual({ path, handled: 0 });
        expect(sameAnswer(again.headers as Record<string, string>)).toEqual(
          sameAnswer(first.headers as Record<string, string>),
        );
        expect(again.text ?? again.body).toEqual(first.text ?? first.body);
        // Its ETag answers 304 there too, still before the handler.
        const etag = String(again.headers.etag);
        await t.http().get(path).set('If-None-Match', etag).expect(304);
        expect(handled).not.toHaveBeenCalled();
      }
    }
  });

  it('leaves a signed-in caller, and a bearer token, to the handler', async () => {
    for (const path of routes()) await t.http().get(path).expect(200);
    handled.mockClear();
    for (const path of routes()) {
      await t.http().get(path).set('Cookie', member.cookie).expect(200);
      await t.http().get(path).set('Authorization', 'Bearer not-a-token');
    }
    expect(handled).toHaveBeenCalledTimes(routes().length * 2);
  });

  it('never answers a rendering that set a cookie (?lang= is remembered on every answer)', async () => {
    const path = '/events?lang=ar';
    const first = await t.http().get(path).expect(200);
    expect(String(first.headers['set-cookie'])).toContain('lang=ar');
    handled.mockClear();
    const again = await t.http().get(path).expect(200);
    expect(String(again.headers['set-cookie'])).toContain('lang=ar');
    expect(handled).toHaveBeenCalled();
  });

  it('sends no hit whose going count moved: the answer shows the new count', async () => {
    const listed = async (): Promise<number | null> => {
      const res = await t.http().get('/api/public/events?limit=20').expect(200);
      const item = (res.body.items as Array<{ id: string; goingCount: number | null }>).find(
        (e) => e.id === eventId,
      );
      return item?.goingCount ?? null;
    };
    const before = await listed();
    expect(await listed()).toBe(before);
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', member.cookie)
      .send({ status: 'going' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    expect(await listed()).toBe((before ?? 0) + 1);
  });

  it('answers a changed event at once: the version read before the lookup moved with the change', async () => {
    const path = `/api/events/${eventId}`;
    await t.http().get(path).expect(200);
    await t.http().patch(path).set('Cookie', organizer.cookie).send({ title: 'Renamed evening' }).expect(200);
    const res = await t.http().get(path).expect(200);
    expect(res.body.title).toBe('Renamed evening');
  });

  it('names the counts in the ETag: a client holding the page of before an RSVP is not told 304', async () => {
    const other = await t.sessionFor(`late@${SLUG}.test`, 'Late');
    await t.http().post(`/api/groups/${SLUG}/join`).set('Cookie', other.cookie).expect(200);
    const paths = ['/api/public/events?limit=20', `/events/${eventId}`, `/events/${eventId.toUpperCase()}`];
    for (const [i, path] of paths.entries()) {
      await t.http().get(path).expect(200);
      const held = await t.http().get(path).expect(200);
      const etag = String(held.headers.etag);
      await t.http().get(path).set('If-None-Match', etag).expect(304);
      // Going, then not, then going again: the count moves each time, no version does.
      const status = i % 2 === 0 ? 'going' : 'declined';
      const rsvp = await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', other.cookie)
        .send({ status });
      expect(rsvp.status).toBeLessThan(300);
      const now = await t.http().get(path).set('If-None-Match', etag).expect(200);
      expect(now.headers.etag).not.toBe(etag);
      expect(now.text).not.toBe(held.text);
    }
  });

  it("names a feed's file by the group's own slug, however the first asker spelled it", async () => {
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Moved on' });
    const first = await t.http().get(`/api/feeds/groups/${SLUG.toUpperCase()}.ics`).expect(200);
    const again = await t.http().get(`/api/feeds/groups/${SLUG}.ics`).expect(200);
    for (const res of [first, again]) {
      expect(res.headers['content-disposition']).toBe(`inline; filename="${SLUG}.ics"`);
    }
  });

  it('keeps a page naming attendees, and renders it again when who is going or their name changes', async () => {
    const named = await createEvent(t, SLUG, organizer, { attendeeVisibility: 'names', capacity: 5 });
    const path = `/events/${named}`;
    const joiner = await t.sessionFor(`named@${SLUG}.test`, 'Robin Quill');
    await t.http().post(`/api/groups/${SLUG}/join`).set('Cookie', joiner.cookie).expect(200);
    await t.http().post(`/api/events/${named}/rsvps`).set('Cookie', joiner.cookie).send({ status: 'going' });
    expect((await t.http().get(path).expect(200)).text).toContain('Robin Quill');
    handled.mockClear();
    expect((await t.http().get(path).expect(200)).text).toContain('Robin Quill');
    expect(handled).not.toHaveBeenCalled();
    // A new name moves no version: the roster's digest catches it.
    await t
      .http()
      .patch('/api/me')
      .set('Cookie', joiner.cookie)
      .send({ displayName: 'Robin Heron' })
      .expect(200);
    const renamed = await t.http().get(path).expect(200);
    expect(renamed.text).toContain('Robin Heron');
    expect(renamed.text).not.toContain('Robin Quill');
    // So does someone leaving.
    await t
      .http()
      .post(`/api/events/${named}/rsvps`)
      .set('Cookie', joiner.cookie)
      .send({ status: 'declined' });
    expect((await t.http().get(path).expect(200)).text).not.toContain('Robin Heron');
  });
});
