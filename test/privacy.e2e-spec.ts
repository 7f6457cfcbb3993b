import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';

const ADDRESS = 'Secret Lane 7, Leeds';
const VENUE = 'The Quiet Room';
const JOIN = 'https://meet.example.org/secret-room';
const NAMES = ['Confirmed Cat', 'Waiting Wren', 'Pending Pat', 'Member Mo'];

type Role = 'anonymous' | 'nonMember' | 'member' | 'waitlisted' | 'pending' | 'confirmed' | 'organizer';

describe('privacy crawl (e2e)', () => {
  let t: TestApp;
  const who: Partial<Record<Role, Person | null>> = { anonymous: null };
  let eventId: string;
  let seriesId: string;
  let topicId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'safe-space', { participants: 4 });
    topicId = setup.topicId;
    who.organizer = setup.organizer;
    const [confirmed, waitlisted, pending, member] = setup.participants;
    for (const [i, p] of [confirmed, waitlisted, pending, member].entries()) {
      await t.http().patch('/api/me').set('Cookie', p.cookie).send({ displayName: NAMES[i] }).expect(200);
    }
    Object.assign(who, {
      confirmed,
      waitlisted,
      pending,
      member,
      nonMember: await person(t, 'stranger@elsewhere.test', 'Stranger'),
    });
    const start = inDays(5);
    const series = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', setup.organizer.cookie)
      .send({
        title: 'Safe meetups',
        events: [
          {
            kind: 'hybrid',
            title: 'Hybrid meetup',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/London',
            venueName: VENUE,
            venueAddress: ADDRESS,
            joinUrl: JOIN,
            capacity: 1,
            onlineCapacity: 5,
            approvalRequired: true,
            attendeeVisibility: 'organizers',
            locationVisibility: 'attendees',
          },
        ],
      })
      .expect(201);
    seriesId = series.body.id;
    eventId = series.body.events[0].id;
    for (const p of [confirmed, waitlisted, pending]) {
      const r = await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', p.cookie)
        .send({ status: 'going', mode: 'in_person' })
        .expect(200);
      expect(r.body.status).toBe('pending_approval');
    }
    for (const p of [confirmed, waitlisted]) {
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps/${p.userId}/approve`)
        .set('Cookie', setup.organizer.cookie)
        .expect(200);
    }
    const states = await t.dataSource.query(`SELECT user_id, status FROM rsvps WHERE event_id = $1`, [
      eventId,
    ]);
    const status = (p: Person) => states.find((s: { user_id: string }) => s.user_id === p.userId)?.status;
    expect([status(confirmed), status(waitlisted), status(pending)]).toEqual([
      'going',
      'waitlisted',
      'pending_approval',
    ]);
  });
  afterAll(() => t.close());

  const endpoints = (role: Role): string[] => [
    `/api/events/${eventId}`,
    `/api/events/${eventId}/rsvps`,
    `/api/groups/safe-space/events`,
    `/api/series/${seriesId}`,
    `/api/public/events`,
    `/api/public/groups/safe-space`,
    `/api/topics/${topicId}`,
    ...(role === 'anonymous' ? [] : [`/api/events/${eventId}/rsvps/me`]),
    ...(role === 'organizer'
      ? [`/api/events/${eventId}/rsvps.csv`, `/api/events/${eventId}/rsvp-history`]
      : []),
  ];

  const fetchAs = async (role: Role, path: string) => {
    const p = who[role];
    const req = t.http().get(path);
    const res = p ? await req.set('Cookie', p.cookie) : await req;
    expect(res.status).toBeLessThan(500);
    return res;
  };

  const roles: Role[] = [
    'anonymous',
    'nonMember',
    'member',
    'waitlisted',
    'pending',
    'confirmed',
    'organizer',
  ];

  it.each(roles)(
    'shows the address and join URL to %s only if confirmed or organizing, on every endpoint',
    async (role) => {
      const allowed = role === 'confirmed' || role === 'organizer';
      let seenAnywhere = false;
      for (const path of endpoints(role)) {
        const res = await fetchAs(role, path);
        const body = res.text;
        if (!allowed) {
          expect({
            path,
            leaked: body.includes(ADDRESS) || body.includes(JOIN) || body.includes(VENUE),
          }).toEqual({ path, leaked: false });
        }
        seenAnywhere ||= body.includes(ADDRESS) && body.includes(JOIN);
      }
      expect(seenAnywhere).toBe(allowed);
    },
  );

  it.each(roles)('never shows attendee names or counts to %s unless organizing', async (role) => {
    for (const path of endpoints(role)) {
      const res = await fetchAs(role, path);
      const leaked = NAMES.slice(0, 3).filter((n) => res.text.includes(n));
      if (role === 'organizer') continue;
      expect({ path, leaked }).toEqual({ path, leaked: [] });
    }
    const list = await fetchAs(role, `/api/events/${eventId}/rsvps`);
    if (role === 'organizer') expect(list.body.items.length).toBe(3);
    else expect(list.body).toEqual({ items: [], goingCount: null });
  });

  it('puts the address only in mail to people who may see it', async () => {
    const rows: Array<{ user_id: string; text_body: string; html_body: string }> = await waitUntil(
      async () => {
        const r = await t.dataSource.query(
          `SELECT user_id, text_body, html_body FROM outbox_messages WHERE purpose LIKE 'event_%'`,
        );
        return r.length >= 5 ? r : null;
      },
    );
    for (const row of rows) {
      const mayKnow = row.user_id === who.confirmed?.userId || row.user_id === who.organizer?.userId;
      const body = `${row.text_body}${row.html_body}`;
      if (!mayKnow) expect(body.includes(ADDRESS) || body.includes(JOIN)).toBe(false);
    }
    const confirmedMail = rows
      .filter((r) => r.user_id === who.confirmed?.userId)
      .map((r) => r.text_body)
      .join('\n');
    expect(confirmedMail).toContain(ADDRESS);
  });

  it('keeps a private group event invisible to outsiders', async () => {
    const setup = await groupWithTopic(t, 'hidden-circle', { visibility: 'private', participants: 1 });
    const start = inDays(6);
    const ev = await t
      .http()
      .post('/api/groups/hidden-circle/events')
      .set('Cookie', setup.organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Circle',
        startsAt: start,
        endsAt: hoursAfter(start, 1),
        timezone: 'UTC',
        venueAddress: ADDRESS,
      })
      .expect(201);
    const stranger = who.nonMember as Person;
    await t.http().get(`/api/events/${ev.body.id}`).set('Cookie', stranger.cookie).expect(404);
    await t.http().get(`/api/events/${ev.body.id}`).expect(404);
    await t.http().get(`/api/events/${ev.body.id}/rsvps`).set('Cookie', stranger.cookie).expect(404);
    await t
      .http()
      .post(`/api/events/${ev.body.id}/rsvps`)
      .set('Cookie', stranger.cookie)
      .send({ status: 'going' })
      .expect(404);
    const listed = await t.http().get('/api/public/events').expect(200);
    expect(listed.text).not.toContain('Circle');
    await t.http().get(`/api/events/${ev.body.id}`).set('Cookie', setup.participants[0].cookie).expect(200);
  });
});
