import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import request from 'supertest';
import { timeZoneChoices, TIME_ZONE_ALIASES } from '../libs/i18n/src';
import { registerAdminApp } from '../apps/api/src/pages/admin-app';
import { adminGate } from '../apps/api/src/pages/admin-gate';
import { TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person } from './support/fixtures';

const ADMIN_HTML = '<!doctype html><html><body><div id="root"></div><p>ADMIN-APP</p></body></html>';

@Module({})
class EmptyModule {}

describe('member home, first sign-in step, admin gating (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let going: Person;
  let waiting: Person;
  let invited: Person;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'home-table', { participants: 3 });
    organizer = setup.organizer;
    [going, waiting, invited] = setup.participants;
    const start = inDays(4);
    const series = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Home table',
        events: [
          {
            kind: 'in_person',
            title: 'Home table <b>supper</b>',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/London',
            venueAddress: 'Somewhere 1',
            capacity: 1,
          },
        ],
      })
      .expect(201);
    eventId = series.body.events[0].id;
    for (const p of [going, waiting]) {
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', p.cookie)
        .send({ status: 'going' })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  describe('/home', () => {
    it('sends a signed-out visitor to sign in, and back home after', async () => {
      const res = await t.http().get('/home').expect(303);
      expect(res.headers.location).toBe('/sign-in?next=%2Fhome');
    });

    it('lists my answer, my waitlist position, invitations awaiting an answer, my groups and my feed', async () => {
      const mine = await t.http().get('/home').set('Cookie', going.cookie).expect(200);
      expect(mine.headers['content-type']).toContain('text/html');
      expect(mine.text).toContain(`<li data-event="${eventId}" data-status="going">`);
      expect(mine.text).toContain('Home table &lt;b&gt;supper&lt;/b&gt;');
      expect(mine.text).not.toContain('<b>supper</b>');
      expect(mine.text).toContain('href="/groups/home-table"');
      expect(mine.text).toMatch(/href="webcal:\/\/hearth\.test\/api\/feeds\/me\/[^"]+\.ics"/);
      expect(mine.text).toMatch(/href="http:\/\/hearth\.test\/api\/feeds\/me\/[^"]+\.ics"/);
      expect(mine.text).not.toContain('data-testid="admin-link"');

      const wait = await t.http().get('/home').set('Cookie', waiting.cookie).expect(200);
      expect(wait.text).toContain(`data-status="waitlisted"`);
      expect(wait.text).toContain('data-testid="waitlist-position" data-position="1"');

      const open = await t.http().get('/home').set('Cookie', invited.cookie).expect(200);
      const awaiting = open.text.slice(
        open.text.indexOf('data-testid="home-invitations"'),
        open.text.indexOf('data-testid="home-events"'),
      );
      expect(awaiting).toContain(`data-event="${eventId}"`);
      const goingLink = linkIn(awaiting.replace(/&amp;/g, '&'), /\/rsvp\/.+answer=going/);
      expect(new URL(goingLink).pathname).toMatch(/^\/rsvp\//);
      // The link is the one-click RSVP page's: it answers for this person.
      const answered = await t
        .http()
        .post(new URL(goingLink).pathname)
        .type('form')
        .send({ answer: 'maybe' });
      expect(answered.status).toBeLessThan(400);
      const after = await t.http().get('/home').set('Cookie', invited.cookie).expect(200);
      expect(after.text).toContain(`data-event="${eventId}" data-status="maybe"`);

      const org = await t.http().get('/home').set('Cookie', organizer.cookie).expect(200);
      expect(org.text).toContain('data-testid="admin-link"');
      expect(org.text).toContain('Owner');
    });

    it('speaks Arabic, right to left', async () => {
      const res = await t.http().get('/home?lang=ar').set('Cookie', going.cookie).expect(200);
      expect(res.text).toContain('<html lang="ar" dir="rtl">');
      expect(res.text).toContain('فعالياتك القادمة');
    });
  });

  describe('/', () => {
    it('shows what is on and a way to sign in; signed in, a way home', async () => {
      const visitor = await t.http().get('/').expect(200);
      expect(visitor.text).toContain(`href="/events/${eventId}"`);
      expect(visitor.text).toContain('href="/sign-in?next=%2Fhome"');
      const member = await t.http().get('/').set('Cookie', going.cookie).expect(200);
      expect(member.text).toContain('<a class="button" href="/home">');
    });
  });

  describe('/welcome and sign-in landing', () => {
    const used = new Set<string>();
    const signInByLink = async (email: string, next?: string) => {
      const http = t.http();
      if (next) await http.post('/sign-in').type('form').send({ email, next }).expect(200);
      else await http.post('/api/auth/magic-link').send({ email }).expect(202);
      const tokenOf = (text: string | undefined): string =>
        new URL(linkIn(text, /\/auth\/magic\?token=/)).searchParams.get('token') ?? '';
      const mail = await t.smtp.waitFor(
        email,
        (m) => /\/auth\/magic\?token=/.test(m.parsed.text ?? '') && !used.has(tokenOf(m.parsed.text)),
      );
      const token = tokenOf(mail.parsed.text);
      used.add(token);
      const res = await http.post('/auth/magic').type('form').send({ token }).expect(303);
      const cookie = String(
        (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hearth_session=')),
      ).split(';')[0];
      return { location: String(res.headers.location), cookie, http };
    };

    it('takes a new account through /welcome (time zone by its modern name), then to next', async () => {
      const { location, cookie, http } = await signInByLink('newbie@example.org', `/events/${eventId}`);
      expect(location).toBe(`/welcome?next=${encodeURIComponent(`/events/${eventId}`)}`);
      const [row] = await t.dataSource.query(`SELECT timezone, onboarded_at FROM users WHERE email = $1`, [
        'newbie@example.org',
      ]);
      expect(row).toEqual({ timezone: null, onboarded_at: null });

      const page = await http.get(location).set('Cookie', cookie).expect(200);
      for (const name of ['displayName', 'language', 'timezone', 'password', 'pronouns'])
        expect(page.text).toContain(`name="${name}"`);
      expect(page.text).toContain('<option value="Asia/Kolkata"');
      expect(page.text).not.toContain('<option value="Asia/Calcutta"');
      expect(page.text).toContain('<script src="/welcome/zone.js" defer></script>');
      expect(page.text).toContain('data-chosen="0"');
      const script = await http.get('/welcome/zone.js').expect(200);
      expect(script.headers['content-type']).toContain('javascript');
      expect(script.text).toContain('resolvedOptions().timeZone');

      const refused = await http
        .post('/welcome')
        .set('Cookie', cookie)
        .type('form')
        .send({
          displayName: '',
          language: 'ar',
          timezone: 'Mars/Olympus',
          password: 'short',
          next: `/events/${eventId}`,
        })
        .expect(400);
      expect(refused.text).toContain('data-testid="welcome-errors"');
      expect(refused.text).toContain('<html lang="ar" dir="rtl">');
      expect(refused.text).toContain('aria-invalid="true" aria-describedby="displayName-error"');
      expect(refused.text).toContain('aria-describedby="timezone-error"');

      const weak = await http
        .post('/welcome')
        .set('Cookie', cookie)
        .type('form')
        .send({ displayName: 'Nu', language: 'en', timezone: 'Asia/Calcutta', password: 'short' })
        .expect(400);
      expect(weak.text).toContain('Use between 10 and 256 characters for the password.');
      const [untouched] = await t.dataSource.query(`SELECT onboarded_at FROM users WHERE email = $1`, [
        'newbie@example.org',
      ]);
      expect(untouched.onboarded_at).toBeNull();

      const done = await http
        .post('/welcome')
        .set('Cookie', cookie)
        .type('form')
        .send({
          displayName: 'Nu Member',
          language: 'en',
          timezone: 'Asia/Calcutta',
          password: 'a long enough password',
          pronouns: ' they/them ',
          next: `/events/${eventId}`,
        })
        .expect(303);
      expect(done.headers.location).toBe(`/events/${eventId}`);
      const me = await http.get('/api/me').set('Cookie', cookie).expect(200);
      expect(me.body).toMatchObject({
        displayName: 'Nu Member',
        timezone: 'Asia/Kolkata',
        pronouns: 'they/them',
      });
      await http
        .post('/api/auth/login')
        .send({ email: 'newbie@example.org', password: 'a long enough password' })
        .expect(200);

      // Done once: the next sign-in lands straight on home.
      const again = await signInByLink('newbie@example.org');
      expect(again.location).toBe('/home');
    });

    it('sends a new account made by a one-click group invitation through /welcome to the group', async () => {
      await t
        .http()
        .post('/api/groups/home-table/members')
        .set('Cookie', organizer.cookie)
        .send({ email: 'joiner@example.org' })
        .expect(202);
      const mail = await t.smtp.waitFor('joiner@example.org', (m) => /\/invites\//.test(m.parsed.text ?? ''));
      const path = new URL(linkIn(mail.parsed.text, /\/invites\//)).pathname;
      const accepted = await t.http().post(path).type('form').send({}).expect(303);
      expect(accepted.headers.location).toBe('/welcome?next=%2Fgroups%2Fhome-table');
      expect(String(accepted.headers['set-cookie'])).toContain('hearth_session=');
    });

    it('signed out, /welcome asks to sign in first', async () => {
      const res = await t.http().get('/welcome').expect(303);
      expect(res.headers.location).toBe('/sign-in?next=%2Fhome');
    });
  });

  describe('time zones', () => {
    it('PostgreSQL knows every zone offered and every old alias accepted', async () => {
      const zones = [...timeZoneChoices(), ...Object.keys(TIME_ZONE_ALIASES)];
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM unnest($1::text[]) AS z(name)
          WHERE (now() AT TIME ZONE z.name) IS NOT NULL`,
        [zones],
      );
      expect(row.n).toBe(zones.length);
    });

    it('refuses names the Intl constructor tolerates but PostgreSQL does not know, and a wrong case', async () => {
      const p = await person(t, 'oddzones@example.org');
      for (const timezone of ['US/Pacific-New', 'Canada/East-Saskatchewan', 'europe/berlin']) {
        await t.http().patch('/api/me').set('Cookie', p.cookie).send({ timezone }).expect(400);
      }
      const [row] = await t.dataSource.query(`SELECT timezone FROM users WHERE email = $1`, [
        'oddzones@example.org',
      ]);
      expect(row.timezone).toBeNull();
      // A visitor's zone cookie with such a name is ignored, not stored or used.
      const page = await t.http().get('/events').set('Cookie', 'tz=US/Pacific-New').expect(200);
      expect(page.text).not.toContain('Pacific-New');
    });

    it('accepts old aliases in the API and stores the modern name; mails to someone without a zone use the event’s', async () => {
      const p = await person(t, 'zones@example.org');
      const me = await t
        .http()
        .patch('/api/me')
        .set('Cookie', p.cookie)
        .send({ timezone: 'Europe/Kiev' })
        .expect(200);
      expect(me.body.timezone).toBe('Europe/Kyiv');
      await t
        .http()
        .post('/api/groups')
        .set('Cookie', p.cookie)
        .send({ slug: 'nuuk', name: 'Nuuk', timezone: 'America/Godthab', visibility: 'public' })
        .expect(201);
      const [fresh] = await t.dataSource.query(`SELECT timezone FROM users WHERE email = $1`, [
        invited.email,
      ]);
      expect(fresh.timezone).toBeNull();
      const invitation = await t.smtp.waitFor(invited.email, (m) =>
        /Home table/.test(m.parsed.subject ?? ''),
      );
      expect(invitation.parsed.text).not.toContain('UTC');
      expect(invitation.parsed.text).toMatch(/GMT|BST|London/);
    });
  });

  describe('/admin', () => {
    let root: string;
    let bare: NestFastifyApplication;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'hearth-admin-'));
      await mkdir(join(root, 'assets'));
      await writeFile(join(root, 'index.html'), ADMIN_HTML);
      await writeFile(join(root, 'assets', 'index-Ab12Cd34.js'), 'export {};\n');
      // The gate server.ts installs, with this app's services, in front of a known build.
      bare = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), {
        logger: false,
      });
      await bare.register(fastifyCookie);
      await registerAdminApp(bare, root, adminGate(t.server.app));
      await bare.init();
      await bare.getHttpAdapter().getInstance().ready();
    });
    afterAll(async () => {
      await bare.close();
      await rm(root, { recursive: true, force: true });
    });

    const get = (path: string, cookie?: string) => {
      const req = request(bare.getHttpServer()).get(path);
      return cookie ? req.set('Cookie', cookie) : req;
    };

    it('never serves the admin app to a member who organizes nowhere: every path goes home', async () => {
      for (const path of ['/admin/', '/admin/mail', '/admin/groups/home-table', '/admin/events/x/rsvps']) {
        const res = await get(path, going.cookie);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/home');
        expect(res.text).not.toContain('ADMIN-APP');
      }
      // The hashed files carry nothing of anyone's.
      await get('/admin/assets/index-Ab12Cd34.js', going.cookie).expect(200);
      // The real server does the same.
      const real = await t.http().get('/admin/').set('Cookie', going.cookie).expect(303);
      expect(real.headers.location).toBe('/home');
    });

    it('serves it to an organizer and to a signed-out visitor (its sign-in screen)', async () => {
      const served = await get('/admin/groups/home-table', organizer.cookie).expect(200);
      expect(served.text).toContain('ADMIN-APP');
      // The instance owner, who organizes no group yet (the first start).
      const owner = await t.sessionFor('owner@hearth.test');
      expect((await get('/admin/', owner.cookie).expect(200)).text).toContain('ADMIN-APP');
      const visitor = await get('/admin/').expect(200);
      expect(visitor.text).toContain('ADMIN-APP');
    });

    it('serves it to a moderator, and stops when the role is gone', async () => {
      await t
        .http()
        .patch(`/api/groups/home-table/members/${waiting.userId}`)
        .set('Cookie', organizer.cookie)
        .send({ role: 'moderator' })
        .expect(200);
      expect((await get('/admin/', waiting.cookie).expect(200)).text).toContain('ADMIN-APP');
      await t
        .http()
        .patch(`/api/groups/home-table/members/${waiting.userId}`)
        .set('Cookie', organizer.cookie)
        .send({ role: 'member' })
        .expect(200);
      expect((await get('/admin/', waiting.cookie).expect(303)).headers.location).toBe('/home');
    });
  });
});
