import request from 'supertest';
import { MetricsService, RawEnv, loadEnv } from '../libs/core/src';
import { HearthServer, startHearth } from '../apps/api/src/server';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

const SLUG = 'cached-group';
const VENUE = 'The Hidden Room';
// No commas: iCalendar escapes them, and the checks below look for the text as given.
const ADDRESS = 'Quiet Street 3 Ghent';

type Role = 'visitor' | 'member' | 'attendee' | 'organizer';
const ROLES: Role[] = ['visitor', 'member', 'attendee', 'organizer'];

/**
 * Issue 14: rendered feeds, listings and public event pages are cached in each api process. Two
 * more api processes' worth of Hearth share the database of the first (which takes the writes):
 * B caches (and is warmed before every change), C has no cache (HTTP_CACHE_BYTES=0) and is the
 * oracle of what a fresh render says right now. Right after each change commits through A, every
 * cached view read through B as each role must be byte for byte C's answer: never stale past the
 * commit, never more than the viewer may see. The hidden venue is checked by name as well.
 */
describe('response caches across processes (e2e)', () => {
  let a: TestApp;
  let b: HearthServer;
  let c: HearthServer;
  const who: Partial<Record<Role, Person>> = {};
  const cookie = (role: Exclude<Role, 'visitor'>): string => who[role]?.cookie ?? '';
  let eventId: string;
  let seriesId: string;

  const apiServer = (overrides: RawEnv): Promise<HearthServer> =>
    startHearth({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: 'http://hearth.test',
        DATABASE_URL: a.databaseUrl,
        DATABASE_POOL_SIZE: '10',
        SIGNING_SECRET: TEST_SECRET,
        SMTP_URL: a.smtp.url,
        OWNER_EMAIL: 'owner@hearth.test',
        INBOUND_SMTP_PORT: '0',
        HEARTH_ROLE: 'api',
        ...overrides,
      }),
      databaseUrl: a.databaseUrl,
      logLevels: ['error', 'fatal'],
    });

  beforeAll(async () => {
    a = await startTestApp();
    b = await apiServer({});
    c = await apiServer({ HTTP_CACHE_BYTES: '0' });
    const setup = await groupWithTopic(a, SLUG, { participants: 2 });
    who.organizer = setup.organizer;
    [who.attendee, who.member] = setup.participants;
    const start = inDays(6);
    const series = await a
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', setup.organizer.cookie)
      .send({
        title: 'Cached meetups',
        events: [
          {
            kind: 'in_person',
            title: 'Cached meetup',
            // Long enough for the feed to be sent compressed.
            description: 'Bring a friend and a story to share. '.repeat(60),
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'UTC',
            venueName: VENUE,
            venueAddress: ADDRESS,
            capacity: 10,
            attendeeVisibility: 'count',
            locationVisibility: 'attendees',
          },
        ],
      })
      .expect(201);
    seriesId = series.body.id;
    eventId = series.body.events[0].id;
    await a
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', cookie('attendee'))
      .send({ status: 'going', mode: 'in_person' })
      .expect(200);
  });

  afterAll(async () => {
    await c?.close();
    await b?.close();
    await a?.close();
  });

  const views = (): string[] => [
    `/api/feeds/groups/${SLUG}.ics`,
    `/api/feeds/series/${seriesId}.ics`,
    '/api/public/events',
    `/api/public/events?kind=in_person&group=${SLUG}`,
    '/events',
    '/events?lang=ar',
    `/events/${eventId}`,
    `/api/events/${eventId}`,
  ];

  const get = (server: HearthServer, path: string, role: Role) => {
    const req = request(server.url ?? '').get(path);
    const person = who[role as Exclude<Role, 'visitor'>];
    return person ? req.set('Cookie', person.cookie) : req;
  };

  /** Every view as every role through B, twice: the second is answered from B's cache where it may be. */
  async function warm(): Promise<void> {
    for (const path of views()) {
      for (const role of ROLES) {
        for (let i = 0; i < 2; i++) expect((await get(b, path, role)).status).toBe(200);
      }
    }
  }

  /** Every view as every role through B equals a fresh render through C. */
  async function expectFresh(what: string): Promise<Record<string, string>> {
    const seen: Record<string, string> = {};
    for (const path of views()) {
      for (const role of ROLES) {
        const [cached, fresh] = [await get(b, path, role), await get(c, path, role)];
        expect({ what, path, role, status: cached.status }).toEqual({
          what,
          path,
          role,
          status: fresh.status,
        });
        expect({ what, path, role, body: cached.text }).toEqual({ what, path, role, body: fresh.text });
        seen[`${role} ${path}`] = cached.text;
      }
    }
    return seen;
  }

  const patch = (body: Record<string, unknown>) =>
    a.http().patch(`/api/events/${eventId}`).set('Cookie', cookie('organizer')).send(body).expect(200);

  const hits = async (server: HearthServer): Promise<number> =>
    (await server.app.get(MetricsService).httpCache.get()).values
      .filter((v) => v.labels.result === 'hit')
      .reduce((sum, v) => sum + v.value, 0);

  it('serves cached views from memory, counted as hits', async () => {
    const before = await hits(b);
    await warm();
    expect(await hits(b)).toBeGreaterThan(before);
    await expectFresh('warm');
  });

  it('a new time is seen by every role at once', async () => {
    await warm();
    const start = inDays(9, 8);
    await patch({ startsAt: start, endsAt: hoursAfter(start, 3) });
    const seen = await expectFresh('time');
    const iso = new Date(start).toISOString();
    expect(JSON.parse(seen[`visitor /api/events/${eventId}`]).startsAt).toBe(iso);
    expect(seen[`visitor /api/feeds/groups/${SLUG}.ics`]).toContain(
      `DTSTART:${iso.replace(/[-:]|\.\d+/g, '')}`,
    );
  });

  it('a venue made public shows, and hidden again disappears for those who may not see it', async () => {
    await warm();
    await patch({ locationVisibility: 'public' });
    let seen = await expectFresh('venue public');
    expect(seen[`visitor /events/${eventId}`]).toContain(VENUE);
    expect(seen['visitor /api/public/events']).toContain(VENUE);
    expect(seen[`visitor /api/feeds/groups/${SLUG}.ics`]).toContain(ADDRESS);

    await warm();
    await patch({ locationVisibility: 'attendees' });
    seen = await expectFresh('venue hidden');
    for (const path of views()) {
      for (const role of ['visitor', 'member'] as const) {
        const text = seen[`${role} ${path}`];
        expect({ role, path, venue: text.includes(ADDRESS) || text.includes(VENUE) }).toEqual({
          role,
          path,
          venue: false,
        });
      }
    }
    expect(seen[`attendee /events/${eventId}`]).toContain(ADDRESS);
    expect(seen[`organizer /api/events/${eventId}`]).toContain(ADDRESS);
  });

  it('a new RSVP moves the count visitors see', async () => {
    await warm();
    const before = JSON.parse((await get(b, '/api/public/events', 'visitor')).text).items[0].goingCount;
    await a
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', cookie('member'))
      .send({ status: 'going', mode: 'in_person' })
      .expect(200);
    const seen = await expectFresh('rsvp');
    expect(JSON.parse(seen['visitor /api/public/events']).items[0].goingCount).toBe(before + 1);
  });

  it('a cancellation is seen by every role at once', async () => {
    await warm();
    await a.http().post(`/api/events/${eventId}/cancel`).set('Cookie', cookie('organizer')).expect(200);
    const seen = await expectFresh('cancel');
    expect(JSON.parse(seen['visitor /api/public/events']).items).toEqual([]);
    expect(seen[`visitor /api/feeds/groups/${SLUG}.ics`]).toContain('STATUS:CANCELLED');
    expect(JSON.parse(seen[`visitor /api/events/${eventId}`]).status).toBe('cancelled');
  });

  it('answers 304 from the version alone, and a compressed copy once made', async () => {
    const path = `/api/feeds/groups/${SLUG}.ics`;
    const first = await request(b.url ?? '')
      .get(path)
      .set('Accept-Encoding', 'gzip');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    const again = await request(b.url ?? '')
      .get(path)
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    // Any change moves the version: the old ETag no longer matches anywhere.
    await a
      .http()
      .patch(`/api/groups/${SLUG}`)
      .set('Cookie', cookie('organizer'))
      .send({ name: 'Renamed group' })
      .expect(200);
    const changed = await request(c.url ?? '')
      .get(path)
      .set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('Renamed group');
  });
});
