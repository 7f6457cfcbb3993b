import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { haversineKm } from '../libs/events/src/public/listing-filter';
import { TestApp, startTestApp } from './support/app';
import { Person, hoursAfter, inDays, person } from './support/fixtures';
import { childrenNamed, parseXml } from './support/xml';

// Feeds captured for `npm run test:calendar-validate` (ics-validate, strict).
const EMITTED = join(__dirname, '..', 'test-output', 'emitted-mail');
const SECRET_ADDRESS = 'Secret Cellar 7, Hinterhof';
const SECRET_LAT = 52.5234567;
const SECRET_LNG = 13.4123456;
const CENTRE = { latitude: 52.52, longitude: 13.405 };
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

/** A point `km` from the centre, due north or due east. */
const away = (km: number, bearing: 'north' | 'east') =>
  bearing === 'north'
    ? { latitude: CENTRE.latitude + km / KM_PER_DEGREE, longitude: CENTRE.longitude }
    : {
        latitude: CENTRE.latitude,
        // Along the parallel the great-circle distance is a hair shorter: solve for it exactly.
        longitude: CENTRE.longitude + eastDegrees(km),
      };

function eastDegrees(km: number): number {
  let lo = 0;
  let hi = 5;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    const d = haversineKm(CENTRE, { latitude: CENTRE.latitude, longitude: CENTRE.longitude + mid });
    if (d < km) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const titles = (body: { items: Array<{ title: string }> }) => body.items.map((e) => e.title).sort();

describe('discovery: filters, feeds, visitor zone and language (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  const seeded: Array<{ title: string; latitude?: number; longitude?: number; hidden?: boolean }> = [];

  async function event(slug: string, fields: Record<string, unknown>): Promise<string> {
    const res = await t
      .http()
      .post(`/api/groups/${slug}/events`)
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        startsAt: inDays(5),
        endsAt: hoursAfter(inDays(5), 2),
        timezone: 'Europe/Berlin',
        ...fields,
      });
    expect(res.status).toBe(201);
    seeded.push({
      title: fields.title as string,
      latitude: fields.latitude as number | undefined,
      longitude: fields.longitude as number | undefined,
      hidden: fields.locationVisibility !== 'public',
    });
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await person(t, 'organizer@discovery.test', 'Organizer');
    const group = (slug: string, name: string, city: string | null) =>
      t
        .http()
        .post('/api/groups')
        .set('Cookie', organizer.cookie)
        .send({ slug, name, timezone: 'Europe/Berlin', visibility: 'public', city })
        .expect(201);
    await group('hollow', 'Rainbow Hollow', 'Berlin');
    await group('kreis', 'Queer Kreis', 'München');
    const pub = { locationVisibility: 'public', city: 'Berlin', venueName: 'Hall' };
    for (const [km, bearing] of [
      [24.9, 'north'],
      [25.1, 'north'],
      [24.95, 'east'],
      [25.05, 'east'],
      [3, 'north'],
    ] as const) {
      await event('hollow', { ...pub, title: `Ring ${km} ${bearing}`, ...away(km, bearing) });
    }
    await event('hollow', {
      title: 'Cellar evening',
      city: 'Berlin',
      venueName: 'The cellar',
      venueAddress: SECRET_ADDRESS,
      latitude: SECRET_LAT,
      longitude: SECRET_LNG,
      locationVisibility: 'attendees',
    });
    await event('hollow', {
      title: 'Rhine walk',
      city: 'Köln',
      latitude: 50.94,
      longitude: 6.96,
      locationVisibility: 'public',
      language: 'ar',
      startsAt: inDays(9),
      endsAt: hoursAfter(inDays(9), 2),
    });
    await event('kreis', {
      kind: 'online_discussion',
      title: 'Online circle',
      joinUrl: 'https://meet.example.org/circle',
      startsAt: inDays(12),
      endsAt: hoursAfter(inDays(12), 1),
    });
    await event('kreis', {
      kind: 'virtual_networking',
      title: 'Speed networking',
      joinUrl: 'https://meet.example.org/speed',
      locationVisibility: 'public',
    });
  });
  afterAll(() => t.close());

  const api = (query: string) => t.http().get(`/api/public/events?limit=100&${query}`);

  it('returns exactly the events within the radius (haversine), hidden venues at city precision', async () => {
    const res = await api(`near=${CENTRE.latitude},${CENTRE.longitude}&radiusKm=25`).expect(200);
    const expected = seeded
      .filter((e) => !e.hidden && e.latitude !== undefined && e.longitude !== undefined)
      .filter((e) => haversineKm(CENTRE, { latitude: e.latitude ?? 0, longitude: e.longitude ?? 0 }) <= 25)
      .map((e) => e.title);
    // The hidden venue counts from its rounded position (52.5, 13.4): 2.3 km away, so inside too.
    expect(titles(res.body)).toEqual([...expected, 'Cellar evening'].sort());
    expect(titles(res.body)).toEqual(
      ['Cellar evening', 'Ring 24.9 north', 'Ring 24.95 east', 'Ring 3 north'].sort(),
    );
    // At the hidden venue's exact position with a small radius: only its rounded cell counts.
    const exact = await api(`near=${SECRET_LAT},${SECRET_LNG}&radiusKm=1`).expect(200);
    expect(titles(exact.body)).not.toContain('Cellar evening');
    const cell = await api(`near=52.5,13.4&radiusKm=1`).expect(200);
    expect(titles(cell.body)).toEqual(['Cellar evening']);
  });

  it('resolves a typed city to the centre of its known venues, without any outside service', async () => {
    const res = await api('near=berlin&radiusKm=40').expect(200);
    expect(titles(res.body)).toContain('Ring 25.1 north');
    expect(titles(res.body)).not.toContain('Rhine walk');
    const unknown = await api('near=Atlantis').expect(422);
    expect(unknown.body).toMatchObject({ statusCode: 422, code: 'LISTING_FILTER_INVALID' });
    expect(unknown.body.details.fields[0].field).toBe('near');
  });

  it('filters by city without case or accents, by language and by kind', async () => {
    expect(titles((await api('city=KOLN').expect(200)).body)).toEqual(['Rhine walk']);
    expect(titles((await api('city=köln').expect(200)).body)).toEqual(['Rhine walk']);
    // An online event is in its group's city.
    expect(titles((await api('city=munchen').expect(200)).body)).toEqual([
      'Online circle',
      'Speed networking',
    ]);
    expect(titles((await api('language=ar').expect(200)).body)).toEqual(['Rhine walk']);
    expect(titles((await api('kind=online').expect(200)).body)).toEqual([
      'Online circle',
      'Speed networking',
    ]);
    expect(titles((await api('kind=networking').expect(200)).body)).toEqual(['Speed networking']);
    const inPerson = titles((await api('kind=in_person').expect(200)).body);
    expect(inPerson).toHaveLength(7);
  });

  it("searches the group's name and city as well as the text", async () => {
    expect(titles((await api('q=hollow').expect(200)).body)).toHaveLength(7);
    expect(titles((await api('q=Munchen').expect(200)).body)).toEqual(['Online circle', 'Speed networking']);
    expect(titles((await api('q=rhine').expect(200)).body)).toEqual(['Rhine walk']);
  });

  it('reads from/to days in the given zone', async () => {
    const day = inDays(9).slice(0, 10); // Rhine walk: 17:00 UTC that day
    expect(titles((await api(`from=${day}&to=${day}&tz=UTC`).expect(200)).body)).toEqual(['Rhine walk']);
    // In Kiribati (UTC+14) that instant is already the next day.
    expect(titles((await api(`from=${day}&to=${day}&tz=Pacific/Kiritimati`).expect(200)).body)).toEqual([]);
  });

  it('refuses invalid filters with the JSON error shape, never a 500', async () => {
    for (const query of [
      'kind=party',
      'radiusKm=0&near=berlin',
      'radiusKm=x',
      'from=tomorrow',
      'tz=Mars/Base',
      'language=english',
    ]) {
      const res = await api(query);
      expect([res.status, query]).toEqual([400, query]);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    for (const query of ['near=95,10', 'from=2027-03-10&to=2027-03-01', 'to=2027-02-30']) {
      const res = await api(query);
      expect([res.status, query]).toEqual([422, query]);
      expect(res.body.code).toBe('LISTING_FILTER_INVALID');
    }
  });

  it('says kindly on the page what filter it could not use (400, no stack, the form kept)', async () => {
    for (const query of ['near=Atlantis', 'radiusKm=abc&near=berlin', 'to=2027-02-30', 'kind=party']) {
      const res = await t.http().get(`/events?${query}`);
      expect([res.status, query]).toEqual([400, query]);
      expect(res.text).toContain('data-testid="filter-problem"');
      expect(res.text).toContain('<form class="card filters"');
    }
    const ok = await t.http().get('/networking?city=m%C3%BCnchen').expect(200);
    expect(ok.text).toContain('Speed networking');
    expect(ok.text).not.toContain('Online circle');
  });

  it('never shows a hidden venue’s address or coordinates, in the API, the page or the feeds', async () => {
    const json = await api('city=berlin').expect(200);
    const cellar = json.body.items.find((e: { title: string }) => e.title === 'Cellar evening');
    expect(cellar).toMatchObject({ city: 'Berlin', venueAddress: null, latitude: null, longitude: null });
    const ring = json.body.items.find((e: { title: string }) => e.title === 'Ring 3 north');
    expect(ring.latitude).toBeCloseTo(away(3, 'north').latitude, 6);
    const bodies = [
      JSON.stringify(json.body),
      (await t.http().get('/events?city=berlin').expect(200)).text,
      (await t.http().get('/events.ics?city=berlin').expect(200)).text,
      (await t.http().get('/events.atom?city=berlin').expect(200)).text,
      (await t.http().get('/events.ics?near=52.5,13.4&radiusKm=1').expect(200)).text,
    ];
    for (const body of bodies) {
      expect(body).toContain('Cellar evening');
      expect(body).not.toContain('Secret Cellar');
      expect(body).not.toContain('Hinterhof');
      expect(body).not.toContain('52.523');
      expect(body).not.toContain('13.412');
    }
  });

  it('offers the filtered listing as iCalendar and Atom, linked from the page', async () => {
    const page = await t.http().get('/events?city=berlin&kind=in_person').expect(200);
    expect(page.text).toMatch(/data-testid="feed-ics"/);
    expect(page.text).toMatch(/data-testid="feed-atom"/);
    expect(page.text).toContain('href="/events.ics?kind=in_person&amp;city=berlin"');
    expect(page.text).toContain('href="/events.atom?kind=in_person&amp;city=berlin"');
    expect(page.text).toMatch(/<link rel="alternate" type="application\/atom\+xml"/);

    const cal = await t.http().get('/events.ics?kind=in_person&city=berlin').expect(200);
    expect(cal.headers['content-type']).toContain('text/calendar');
    mkdirSync(EMITTED, { recursive: true });
    writeFileSync(join(EMITTED, 'discovery-feed-e2e.ics'), cal.text);
    const root = new ICAL.Component(ICAL.parse(cal.text));
    const summaries = root.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toHaveLength(6);
    expect(summaries).not.toContain('Rhine walk');

    const atom = await t.http().get('/events.atom?kind=in_person&city=berlin').expect(200);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    const feed = parseXml(atom.text);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated']) expect(childrenNamed(feed, required)).toHaveLength(1);
    expect(Number.isNaN(Date.parse(childrenNamed(feed, 'updated')[0].text))).toBe(false);
    const entries = childrenNamed(feed, 'entry');
    expect(entries).toHaveLength(6);
    for (const entry of entries) {
      for (const required of ['id', 'title', 'updated'])
        expect(childrenNamed(entry, required)).toHaveLength(1);
      const link = childrenNamed(entry, 'link')[0];
      expect(link.attributes.href).toMatch(/^http:\/\/hearth\.test\/events\/[0-9a-f-]{36}$/);
    }
    const networking = parseXml((await t.http().get('/networking.atom').expect(200)).text);
    expect(childrenNamed(networking, 'entry').map((e) => childrenNamed(e, 'title')[0].text)).toEqual([
      'Speed networking',
    ]);
    const netIcs = await t.http().get('/networking.ics?q=speed').expect(200);
    writeFileSync(join(EMITTED, 'discovery-networking-feed-e2e.ics'), netIcs.text);
    await t.http().get('/events.ics?near=Atlantis').expect(400);
  });

  it('remembers a visitor’s zone in a tz cookie and shows times in it beside the event’s own', async () => {
    const set = await t.http().get('/events?tz=America/New_York&city=koln').expect(200);
    const cookie = (set.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tz='));
    expect(cookie).toMatch(/^tz=America%2FNew_York;/);
    expect(set.text).toContain('data-testid="viewer-time"');
    expect(set.text).toContain('(America/New_York)');
    expect(set.text).toContain('(Europe/Berlin)');
    const again = await t.http().get('/events?city=koln').set('Cookie', 'tz=America%2FNew_York').expect(200);
    expect(again.text).toContain('(America/New_York)');
    const bogus = await t.http().get('/events?tz=Mars/Base').expect(200);
    expect(String(bogus.headers['set-cookie'] ?? '')).not.toContain('tz=');
    const ignored = await t.http().get('/events?city=koln').set('Cookie', 'tz=Mars%2FBase').expect(200);
    expect(ignored.text).not.toContain('data-testid="viewer-time"');
    // Signed in: the account's zone, whatever the cookie says.
    const member = await person(t, 'tokyo@discovery.test', 'Tokyo');
    await t.http().patch('/api/me').set('Cookie', member.cookie).send({ timezone: 'Asia/Tokyo' }).expect(200);
    const mine = await t
      .http()
      .get('/events?city=koln')
      .set('Cookie', `${member.cookie}; tz=America%2FNew_York`)
      .expect(200);
    expect(mine.text).toContain('(Asia/Tokyo)');
    expect(mine.text).not.toContain('(America/New_York)');
  });

  it('keeps ?lang in a cookie, and honours Accept-Language q-values for visitors', async () => {
    const asked = await t.http().get('/events?lang=ar').expect(200);
    expect(asked.text).toContain('<html lang="ar" dir="rtl"');
    expect(String(asked.headers['set-cookie'])).toMatch(/lang=ar;/);
    const next = await t.http().get('/networking').set('Cookie', 'lang=ar').expect(200);
    expect(next.text).toContain('<html lang="ar"');
    const header = (value: string) => t.http().get('/events').set('Accept-Language', value).expect(200);
    expect((await header('fr-CH, fr;q=0.9, ar;q=0.8, en;q=0.5')).text).toContain('<html lang="ar"');
    expect((await header('ar;q=0.1, en')).text).toContain('<html lang="en"');
    expect((await header('de, *;q=0.5')).text).toContain('<html lang="en"');
    // A member's own language wins over the browser's, an explicit choice over both.
    const member = await person(t, 'english@discovery.test', 'English');
    const signedIn = await t.http().get('/events').set('Cookie', member.cookie).set('Accept-Language', 'ar');
    expect(signedIn.text).toContain('<html lang="en"');
    const chosen = await t.http().get('/events').set('Cookie', `${member.cookie}; lang=ar`).expect(200);
    expect(chosen.text).toContain('<html lang="ar"');
  });

  it('takes city, coordinates and language on events, checked', async () => {
    const id = await event('hollow', {
      title: 'Checked',
      city: '  Leipzig ',
      latitude: 51.34,
      longitude: 12.37,
      locationVisibility: 'public',
    });
    const res = await t.http().get(`/api/events/${id}`).set('Cookie', organizer.cookie).expect(200);
    expect(res.body).toMatchObject({ city: 'Leipzig', latitude: 51.34, longitude: 12.37, language: 'en' });
    const bad = (body: Record<string, unknown>) =>
      t.http().patch(`/api/events/${id}`).set('Cookie', organizer.cookie).send(body);
    expect((await bad({ latitude: 91 })).status).toBe(400);
    expect((await bad({ longitude: -181 })).status).toBe(400);
    expect((await bad({ language: 'English' })).status).toBe(400);
    expect((await bad({ latitude: null })).status).toBe(422);
    const cleared = await bad({ city: '', latitude: null, longitude: null }).expect(200);
    expect(cleared.body).toMatchObject({ city: null, latitude: null });
  });
});
