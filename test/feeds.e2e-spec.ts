import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

const ADDRESS = 'Feed Street 9';
// Feeds captured for `npm run test:calendar-validate`.
const EMITTED = join(__dirname, '..', 'test-output', 'emitted-mail');

function vevents(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  return root.getAllSubcomponents('vevent');
}

describe('calendar feeds (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let members: Person[];
  let eventId: string;
  let seriesId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'feedgroup', { participants: 2 });
    organizer = setup.organizer;
    members = setup.participants;
    const start = inDays(4);
    const res = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Feed series',
        events: [
          {
            kind: 'in_person',
            title: 'Hidden venue',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/Berlin',
            venueAddress: ADDRESS,
            capacity: 10,
          },
          {
            kind: 'virtual_networking',
            title: 'Open networking',
            startsAt: hoursAfter(start, 48),
            endsAt: hoursAfter(start, 49),
            timezone: 'Europe/Berlin',
            joinUrl: 'https://meet.example.org/open',
            locationVisibility: 'public',
          },
        ],
      })
      .expect(201);
    seriesId = res.body.id;
    eventId = res.body.events[0].id;
  });
  afterAll(() => t.close());

  it('serves a group feed with public information only, and 304 for an unchanged ETag', async () => {
    const res = await t.http().get('/api/feeds/groups/feedgroup.ics').expect(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    mkdirSync(EMITTED, { recursive: true });
    writeFileSync(join(EMITTED, 'group-feed-e2e.ics'), res.text);
    const events = vevents(res.text);
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual([
      'Hidden venue',
      'Open networking',
    ]);
    expect(res.text).not.toContain(ADDRESS);
    expect(res.text).toContain('https://meet.example.org/open');
    const etag = res.headers.etag;
    await t.http().get('/api/feeds/groups/feedgroup.ics').set('If-None-Match', etag).expect(304);
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Renamed' })
      .expect(200);
    const changed = await t
      .http()
      .get('/api/feeds/groups/feedgroup.ics')
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    await t.http().get(`/api/feeds/series/${seriesId}.ics`).expect(200);
    await t.http().get('/api/feeds/groups/nope.ics').expect(404);
  });

  it('serves a personal feed at a secret, rotatable URL with my PARTSTAT and no declined events', async () => {
    const [going, decliner] = members;
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', going.cookie)
      .send({ status: 'going' })
      .expect(200);
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', decliner.cookie)
      .send({ status: 'declined' })
      .expect(200);
    const { body } = await t.http().get('/api/me/feed').set('Cookie', going.cookie).expect(200);
    const path = new URL(body.url).pathname;
    const feed = await t.http().get(path).expect(200);
    writeFileSync(join(EMITTED, 'personal-feed-e2e.ics'), feed.text);
    const [event] = vevents(feed.text);
    expect(event.getFirstPropertyValue('summary')).toBe('Renamed');
    expect(event.getAllProperties('attendee')).toHaveLength(1);
    expect(event.getFirstProperty('attendee')?.getParameter('partstat')).toBe('ACCEPTED');
    expect(feed.text).toContain(ADDRESS);

    const declinedFeed = await t
      .http()
      .get(new URL((await t.http().get('/api/me/feed').set('Cookie', decliner.cookie)).body.url).pathname)
      .expect(200);
    expect(vevents(declinedFeed.text)).toHaveLength(0);

    const rotated = await t.http().post('/api/me/feed/rotate').set('Cookie', going.cookie).expect(200);
    expect(rotated.body.url).not.toBe(body.url);
    await t.http().get(path).expect(404);
    await t.http().get(new URL(rotated.body.url).pathname).expect(200);
    await t.http().get('/api/feeds/me/0000.ics').expect(404);
  });

  it('serves one event as ICS with the location only for those who may see it', async () => {
    const anon = await t.http().get(`/api/events/${eventId}/calendar.ics`).expect(200);
    expect(anon.text).not.toContain(ADDRESS);
    const going = await t
      .http()
      .get(`/api/events/${eventId}/calendar.ics`)
      .set('Cookie', members[0].cookie)
      .expect(200);
    expect(going.text).toContain(ADDRESS);
  });
});
