import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signRsvpLink } from '../libs/events/src';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person } from './support/fixtures';

/**
 * DESIGN §5: people whose membership of a private group is not active see nothing of it but its
 * join page, and the group answers them exactly as a slug that is no group at all. Every route that
 * reads a group's content is run for every membership state against the real group and against
 * made-up ids; the answers must be the same, byte for byte once the ids are swapped.
 */

const SLUG = 'hidden-hollow';
const GHOST_SLUG = 'nowhere-hollow';
const GROUP_NAME = 'Group hidden-hollow';
const EVENT_TITLE = 'Hollow gathering';
const SERIES_TITLE = 'Hollow season';
const TOPIC_TITLE = 'What should we do next?';
const POST_BODY = 'Only for the hollow';
const ADDRESS = 'Burrow Lane 3';
/** Words that must never reach anyone whose membership is not active. */
const SECRETS = [GROUP_NAME, EVENT_TITLE, SERIES_TITLE, TOPIC_TITLE, POST_BODY, ADDRESS];

interface Ids {
  slug: string;
  eventId: string;
  topicId: string;
  seriesId: string;
}

type Method = 'get' | 'post' | 'delete';
type ActiveRole = 'member' | 'organizer';

interface Route {
  name: string;
  method: Method;
  path: (ids: Ids, viewer: Person | null) => string;
  body?: Record<string, unknown>;
  /** Needs a signed-in viewer to be meaningful (a one-click link is made for one person). */
  signedInOnly?: boolean;
  /** What an active member and an organizer get: a status, and a word the body must show. */
  active: Record<ActiveRole, number> & { shows?: string };
}

const both = (status: number, shows?: string): Route['active'] => ({
  member: status,
  organizer: status,
  shows,
});

const rsvpToken = (viewer: Person | null, eventId: string): string =>
  signRsvpLink(viewer?.userId ?? randomUUID(), eventId, TEST_SECRET, new Date('2030-01-01T00:00:00Z'));

/** Every route that reads a group, its events, series, topics and feeds; the API and the member pages. */
const ROUTES: Route[] = [
  // API, group
  { name: 'GET group', method: 'get', path: (i) => `/api/groups/${i.slug}`, active: both(200, GROUP_NAME) },
  { name: 'GET my groups', method: 'get', path: () => `/api/groups`, active: both(200, GROUP_NAME) },
  { name: 'GET members', method: 'get', path: (i) => `/api/groups/${i.slug}/members`, active: both(200) },
  {
    name: 'GET group topics',
    method: 'get',
    path: (i) => `/api/groups/${i.slug}/topics`,
    active: both(200, TOPIC_TITLE),
  },
  {
    name: 'GET group events',
    method: 'get',
    path: (i) => `/api/groups/${i.slug}/events`,
    active: both(200, EVENT_TITLE),
  },
  {
    name: 'GET moderation reports',
    method: 'get',
    path: (i) => `/api/groups/${i.slug}/reports`,
    active: { member: 403, organizer: 200 },
  },
  {
    name: 'POST group topic',
    method: 'post',
    path: (i) => `/api/groups/${i.slug}/topics`,
    body: { title: 'A new thread', body: 'hello' },
    active: both(201),
  },
  // API, topics
  {
    name: 'GET topic',
    method: 'get',
    path: (i) => `/api/topics/${i.topicId}`,
    active: both(200, TOPIC_TITLE),
  },
  {
    name: 'GET topic posts',
    method: 'get',
    path: (i) => `/api/topics/${i.topicId}/posts`,
    active: both(200, POST_BODY),
  },
  {
    name: 'POST topic post',
    method: 'post',
    path: (i) => `/api/topics/${i.topicId}/posts`,
    body: { body: 'me too' },
    active: both(201),
  },
  {
    name: 'POST topic follow',
    method: 'post',
    path: (i) => `/api/topics/${i.topicId}/follow`,
    active: both(204),
  },
  // API, events and series
  {
    name: 'GET event',
    method: 'get',
    path: (i) => `/api/events/${i.eventId}`,
    active: both(200, EVENT_TITLE),
  },
  {
    name: 'GET event .ics',
    method: 'get',
    path: (i) => `/api/events/${i.eventId}/calendar.ics`,
    active: both(200, EVENT_TITLE),
  },
  {
    name: 'GET event RSVPs',
    method: 'get',
    path: (i) => `/api/events/${i.eventId}/rsvps`,
    active: both(200),
  },
  {
    name: 'GET RSVP history',
    method: 'get',
    path: (i) => `/api/events/${i.eventId}/rsvp-history`,
    active: { member: 403, organizer: 200 },
  },
  {
    name: 'POST RSVP',
    method: 'post',
    path: (i) => `/api/events/${i.eventId}/rsvps`,
    body: { status: 'maybe', cocAcknowledged: true },
    active: both(200),
  },
  {
    name: 'GET series',
    method: 'get',
    path: (i) => `/api/series/${i.seriesId}`,
    active: both(200, SERIES_TITLE),
  },
  // Feeds and public discovery carry public information only: a private group has none, for anyone.
  {
    name: 'GET group feed',
    method: 'get',
    path: (i) => `/api/feeds/groups/${i.slug}.ics`,
    active: both(404),
  },
  {
    name: 'GET series feed',
    method: 'get',
    path: (i) => `/api/feeds/series/${i.seriesId}.ics`,
    active: both(404),
  },
  { name: 'GET public group', method: 'get', path: (i) => `/api/public/groups/${i.slug}`, active: both(404) },
  {
    name: 'GET public events',
    method: 'get',
    path: (i) => `/api/public/events?group=${i.slug}`,
    active: both(200),
  },
  {
    name: 'GET public events by title',
    method: 'get',
    path: () => '/api/public/events?q=Hollow',
    active: both(200),
  },
  // Member pages
  { name: 'page public events', method: 'get', path: (i) => `/events?group=${i.slug}`, active: both(200) },
  {
    name: 'page public events by title',
    method: 'get',
    path: () => '/events?q=Hollow',
    active: both(200),
  },
  { name: 'page group', method: 'get', path: (i) => `/groups/${i.slug}`, active: both(200, GROUP_NAME) },
  {
    name: 'page group after asking',
    method: 'get',
    path: (i) => `/groups/${i.slug}?joined=pending`,
    active: both(200, GROUP_NAME),
  },
  { name: 'page topic', method: 'get', path: (i) => `/topics/${i.topicId}`, active: both(200, TOPIC_TITLE) },
  {
    name: 'page topic reply',
    method: 'post',
    path: (i) => `/topics/${i.topicId}/posts`,
    body: { body: 'A reply from the page' },
    active: both(303),
  },
  {
    name: 'page topic follow',
    method: 'post',
    path: (i) => `/topics/${i.topicId}/follow`,
    active: both(303),
  },
  {
    name: 'page topic unfollow',
    method: 'post',
    path: (i) => `/topics/${i.topicId}/unfollow`,
    active: both(303),
  },
  { name: 'page event', method: 'get', path: (i) => `/events/${i.eventId}`, active: both(200, EVENT_TITLE) },
  {
    name: 'page one-click RSVP',
    method: 'get',
    path: (i, v) => `/rsvp/${rsvpToken(v, i.eventId)}?answer=going`,
    signedInOnly: true,
    active: both(200, EVENT_TITLE),
  },
  {
    name: 'page one-click RSVP calendar',
    method: 'get',
    path: (i, v) => `/rsvp/${rsvpToken(v, i.eventId)}/calendar.ics`,
    signedInOnly: true,
    active: both(200, EVENT_TITLE),
  },
  // Asking to join last: it changes the asker's state (to pending), which answers the same anyway.
  { name: 'page ask to join', method: 'post', path: (i) => `/groups/${i.slug}/join`, active: both(303) },
  { name: 'POST join', method: 'post', path: (i) => `/api/groups/${i.slug}/join`, active: both(200) },
  // Leaving (withdrawing a request) last of all; the only owner may not leave.
  {
    name: 'DELETE my membership',
    method: 'delete',
    path: (i) => `/api/groups/${i.slug}/members/me`,
    active: { member: 204, organizer: 409 },
  },
];

type State = 'anonymous' | 'stranger' | 'invited' | 'pending' | 'banned' | 'left' | 'member' | 'organizer';
const HIDDEN_FROM: State[] = ['anonymous', 'stranger', 'invited', 'pending', 'banned', 'left'];
const SEES: Array<State & ActiveRole> = ['member', 'organizer'];

describe('private group access matrix (e2e)', () => {
  let t: TestApp;
  const who: Partial<Record<State, Person | null>> = { anonymous: null };
  let real: Ids;
  let ghost: Ids;

  const send = (method: Method, path: string, viewer: Person | null, body?: Record<string, unknown>) => {
    const agent: request.Agent = t.http();
    const req =
      method === 'get'
        ? agent.get(path)
        : method === 'post'
          ? agent.post(path).send(body ?? {})
          : agent.delete(path);
    // One request id for all: bodies carry it, and the hidden and missing answers must match byte for byte.
    void req.set('X-Request-Id', 'access-matrix');
    return viewer ? req.set('Cookie', viewer.cookie) : req;
  };

  /** The real answer with every real id written as its made-up twin, to compare with the made-up answer. */
  const asGhost = (text: string, pairs: Array<[string, string]>): string =>
    pairs.reduce((out, [from, to]) => out.split(from).join(to), text);

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, SLUG, { visibility: 'private', participants: 1 });
    const { organizer } = setup;
    const [member] = setup.participants;
    const http = t.http();
    await http
      .post(`/api/topics/${setup.topicId}/posts`)
      .set('Cookie', member.cookie)
      .send({ body: POST_BODY })
      .expect(201);
    const starts = inDays(10);
    const series = await http
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: SERIES_TITLE,
        events: [
          {
            kind: 'in_person',
            title: EVENT_TITLE,
            description: 'Bring a friend you trust',
            startsAt: starts,
            endsAt: hoursAfter(starts, 2),
            timezone: 'Europe/Berlin',
            venueName: 'The Den',
            venueAddress: ADDRESS,
            locationVisibility: 'members',
          },
        ],
      })
      .expect(201);
    real = {
      slug: SLUG,
      eventId: series.body.events[0].id,
      topicId: setup.topicId,
      seriesId: series.body.id,
    };
    ghost = { slug: GHOST_SLUG, eventId: randomUUID(), topicId: randomUUID(), seriesId: randomUUID() };

    const approve = (p: Person) =>
      http
        .patch(`/api/groups/${SLUG}/members/${p.userId}`)
        .set('Cookie', organizer.cookie)
        .send({ status: 'active' })
        .expect(200);
    const askToJoin = (p: Person) =>
      http.post(`/api/groups/${SLUG}/join`).set('Cookie', p.cookie).expect(200, { status: 'pending' });

    who.organizer = organizer;
    who.member = member;
    who.stranger = await person(t, 'stranger@hollow.test', 'Stranger');
    who.invited = await person(t, 'invited@hollow.test', 'Invited');
    await http
      .post(`/api/groups/${SLUG}/members`)
      .set('Cookie', organizer.cookie)
      .send({ email: 'invited@hollow.test' })
      .expect(202);
    who.pending = await person(t, 'pending@hollow.test', 'Pending');
    await askToJoin(who.pending);
    who.banned = await person(t, 'banned@hollow.test', 'Banned');
    await askToJoin(who.banned);
    await approve(who.banned);
    // While active they answered the event: a kept RSVP must not open anything once banned.
    await http
      .post(`/api/events/${real.eventId}/rsvps`)
      .set('Cookie', who.banned.cookie)
      .send({ status: 'going', cocAcknowledged: true })
      .expect(200);
    await http
      .patch(`/api/groups/${SLUG}/members/${who.banned.userId}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'banned' })
      .expect(200);
    who.left = await person(t, 'left@hollow.test', 'Left');
    await askToJoin(who.left);
    await approve(who.left);
    await http.delete(`/api/groups/${SLUG}/members/me`).set('Cookie', who.left.cookie).expect(204);
  });
  afterAll(() => t.close());

  describe.each(HIDDEN_FROM)('as %s', (state) => {
    const routes = ROUTES.filter((r) => state !== 'anonymous' || !r.signedInOnly);
    it.each(routes.map((r) => [r.name, r] as const))(
      '%s answers exactly as for a missing group',
      async (_, route) => {
        const viewer = who[state] ?? null;
        const realPath = route.path(real, viewer);
        const ghostPath = route.path(ghost, viewer);
        const pairs: Array<[string, string]> = [
          [real.slug, ghost.slug],
          [real.eventId, ghost.eventId],
          [real.topicId, ghost.topicId],
          [real.seriesId, ghost.seriesId],
          [encodeURIComponent(realPath), encodeURIComponent(ghostPath)],
          [realPath, ghostPath],
        ];
        const hidden = await send(route.method, realPath, viewer, route.body);
        const missing = await send(route.method, ghostPath, viewer, route.body);
        expect({ status: hidden.status, body: asGhost(hidden.text, pairs) }).toEqual({
          status: missing.status,
          body: missing.text,
        });
        expect(asGhost(hidden.headers.location ?? '', pairs)).toBe(missing.headers.location ?? '');
        expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
        for (const secret of SECRETS) expect(hidden.text).not.toContain(secret);
      },
    );
  });

  describe.each(SEES)('as an active %s', (role) => {
    it.each(ROUTES.map((r) => [r.name, r] as const))('%s shows the group', async (_, route) => {
      const viewer = who[role] ?? null;
      const res = await send(route.method, route.path(real, viewer), viewer, route.body);
      expect(res.status).toBe(route.active[role]);
      if (route.active.shows) expect(res.text).toContain(route.active.shows);
    });
  });

  it('lets the organizer see and approve a request, after which the group opens to the asker', async () => {
    const asker = await person(t, 'asker@hollow.test', 'Asker');
    const organizer = who.organizer as Person;
    await send('post', `/api/groups/${SLUG}/join`, asker).expect(200, { status: 'pending' });
    const members = await send('get', `/api/groups/${SLUG}/members`, organizer).expect(200);
    expect(members.body).toContainEqual(expect.objectContaining({ userId: asker.userId, status: 'pending' }));
    await send('get', `/api/groups/${SLUG}`, asker).expect(404);
    await t
      .http()
      .patch(`/api/groups/${SLUG}/members/${asker.userId}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'active' })
      .expect(200);
    const group = await send('get', `/api/groups/${SLUG}`, asker).expect(200);
    expect(group.body).toMatchObject({ name: GROUP_NAME, membership: { status: 'active' } });
  });

  it('lets someone withdraw a request to join, answered as for a missing group all the same', async () => {
    const asker = await person(t, 'second-thoughts@hollow.test', 'Second thoughts');
    const organizer = who.organizer as Person;
    await send('post', `/api/groups/${SLUG}/join`, asker).expect(200, { status: 'pending' });
    const withdrawn = await send('delete', `/api/groups/${SLUG}/members/me`, asker).expect(404);
    const missing = await send('delete', `/api/groups/${GHOST_SLUG}/members/me`, asker).expect(404);
    expect(withdrawn.body).toEqual(missing.body);
    const members = await send('get', `/api/groups/${SLUG}/members`, organizer).expect(200);
    expect(members.body.map((m: { userId: string }) => m.userId)).not.toContain(asker.userId);
  });

  it('shows a signed-in visitor of a hidden or missing slug only a way to ask to join', async () => {
    const visitor = who.stranger as Person;
    const page = await send('get', `/groups/${GHOST_SLUG}`, visitor).expect(404);
    expect(page.text).toContain(`action="/groups/${GHOST_SLUG}/join"`);
    expect(page.text).toContain('you can ask to join it');
    const asked = await send('get', `/groups/${GHOST_SLUG}?joined=pending`, visitor).expect(404);
    expect(asked.text).toContain('its organizers now see your request');
    expect(asked.text).not.toContain(`action="/groups/${GHOST_SLUG}/join"`);
  });
});
