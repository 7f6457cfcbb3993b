import { TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';

const ADDRESS = 'Lavender Yard 3, Leeds';
const VENUE = 'The Back Room';
const JOIN = 'https://meet.example.org/back-room';
const NAMES = ['Going Gale', 'Waiting Wren', 'Member Moss'];

type Role = 'anonymous' | 'nonMember' | 'member' | 'waitlisted' | 'confirmed' | 'organizer';
const ROLES: Role[] = ['anonymous', 'nonMember', 'member', 'waitlisted', 'confirmed', 'organizer'];

/** Every table a page could change by mistake, counted, so "GET changes nothing" is one comparison. */
async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT json_agg(json_build_object('u', user_id, 's', status, 'g', guests) ORDER BY user_id, event_id) FROM rsvps) AS rsvps,
           (SELECT count(*) FROM rsvp_history)::int AS history,
           (SELECT json_agg(json_build_object('u', user_id, 's', status, 'r', role) ORDER BY user_id, group_id) FROM memberships) AS memberships,
           (SELECT count(*) FROM group_invites WHERE accepted_at IS NOT NULL)::int AS accepted_invites,
           (SELECT count(*) FROM magic_links)::int AS magic_links,
           (SELECT count(*) FROM outbox_messages)::int AS outbox,
           (SELECT count(*) FROM sessions)::int AS sessions`);
  return row as Record<string, unknown>;
}

describe('member pages (e2e)', () => {
  let t: TestApp;
  const who: Partial<Record<Role, Person | null>> = { anonymous: null };
  let eventId: string;
  let topicId: string;
  let privateEventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'open-table', { participants: 3 });
    topicId = setup.topicId;
    const [confirmed, waitlisted, member] = setup.participants;
    for (const [i, p] of [confirmed, waitlisted, member].entries()) {
      await t.http().patch('/api/me').set('Cookie', p.cookie).send({ displayName: NAMES[i] }).expect(200);
    }
    Object.assign(who, {
      organizer: setup.organizer,
      confirmed,
      waitlisted,
      member,
      nonMember: await person(t, 'passer-by@elsewhere.test', 'Passer By'),
    });
    const start = inDays(5);
    const series = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', setup.organizer.cookie)
      .send({
        title: 'Open table',
        events: [
          {
            kind: 'hybrid',
            title: 'Open table <script>alert(1)</script>',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/London',
            venueName: VENUE,
            venueAddress: ADDRESS,
            joinUrl: JOIN,
            capacity: 1,
            onlineCapacity: 0,
            locationVisibility: 'attendees',
            attendeeVisibility: 'organizers',
          },
        ],
      })
      .expect(201);
    eventId = series.body.events[0].id;
    for (const p of [confirmed, waitlisted]) {
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', p.cookie)
        .send({ status: 'going', mode: 'in_person' })
        .expect(200);
    }
    const states = await t.dataSource.query(`SELECT user_id, status FROM rsvps WHERE event_id = $1`, [
      eventId,
    ]);
    expect(states.map((s: { status: string }) => s.status).sort()).toEqual(['going', 'waitlisted']);

    const hidden = await groupWithTopic(t, 'back-room', { visibility: 'private', participants: 1 });
    const ev = await t
      .http()
      .post('/api/groups/back-room/events')
      .set('Cookie', hidden.organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Back room gathering',
        startsAt: start,
        endsAt: hoursAfter(start, 1),
        timezone: 'UTC',
        venueAddress: ADDRESS,
      })
      .expect(201);
    privateEventId = ev.body.id;
  });
  afterAll(() => t.close());

  const getAs = async (role: Role, path: string) => {
    const p = who[role];
    const req = t.http().get(path);
    const res = p ? await req.set('Cookie', p.cookie) : await req;
    expect(res.status).toBeLessThan(500);
    return res;
  };

  const pages = (): string[] => [
    `/events/${eventId}`,
    `/groups/open-table`,
    `/topics/${topicId}`,
    '/events',
    '/networking',
  ];

  it.each(ROLES)(
    'shows the address and join link on the event page to %s only when confirmed or organizing',
    async (role) => {
      const allowed = role === 'confirmed' || role === 'organizer';
      const res = await getAs(role, `/events/${eventId}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-store');
      const leaked = [ADDRESS, VENUE, JOIN].filter((s) => res.text.includes(s));
      expect(leaked).toEqual(allowed ? [ADDRESS, VENUE, JOIN] : []);
      if (!allowed) expect(res.text).toContain('shared once your place is confirmed');
      for (const path of pages().slice(1)) {
        const other = await getAs(role, path);
        expect({ path, leaked: [ADDRESS, VENUE, JOIN].filter((s) => other.text.includes(s)) }).toEqual({
          path,
          leaked: [],
        });
      }
    },
  );

  it.each(ROLES)('never shows who is coming, or how many, to %s unless organizing', async (role) => {
    const own = NAMES[['confirmed', 'waitlisted', 'member'].indexOf(role)];
    // The topic page names the authors of posts, as the discussion itself does; the others name nobody.
    for (const path of pages().filter((p) => !p.startsWith('/topics/'))) {
      const res = await getAs(role, path);
      const others = NAMES.slice(0, 2).filter((n) => n !== own && res.text.includes(n));
      expect({ path, others }).toEqual({ path, others: [] });
      expect({ path, count: /\d+ (people|person) going/.test(res.text) }).toEqual({
        path,
        count: role === 'organizer' && path === `/events/${eventId}`,
      });
    }
  });

  it('shows each member their own answer, and only their own', async () => {
    const confirmed = await getAs('confirmed', `/events/${eventId}`);
    expect(confirmed.text).toContain('data-status="going"');
    const waitlisted = await getAs('waitlisted', `/events/${eventId}`);
    expect(waitlisted.text).toContain('data-status="waitlisted"');
    expect(waitlisted.text).toContain('Position 1 on the waitlist.');
    const member = await getAs('member', `/events/${eventId}`);
    expect(member.text).toContain('data-status="none"');
    const anonymous = await getAs('anonymous', `/events/${eventId}`);
    expect(anonymous.text).toContain(`/sign-in?next=${encodeURIComponent(`/events/${eventId}`)}`);
    expect(anonymous.text).not.toContain('<form method="post" action="/events/');
  });

  it('escapes what people typed: an event title cannot become markup', async () => {
    const res = await getAs('member', `/events/${eventId}`);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('Open table &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toMatch(/<script\b/i);
  });

  it('keeps a private group and its events "not found" for visitors and non-members, in the same words', async () => {
    for (const role of ['anonymous', 'nonMember'] as const) {
      const event = await getAs(role, `/events/${privateEventId}`);
      const group = await getAs(role, '/groups/back-room');
      const missing = await getAs(role, '/events/00000000-0000-4000-8000-000000000000');
      for (const res of [event, group, missing]) {
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('Back room gathering');
        expect(res.text).not.toContain(ADDRESS);
      }
      const id = /(\/|%2F)events(\/|%2F)[0-9a-f-]+/g;
      expect(event.text.replace(id, '')).toBe(missing.text.replace(id, ''));
    }
    const list = await getAs('anonymous', '/events');
    expect(list.text).not.toContain('Back room gathering');
  });

  it('changes nothing on GET, for any page and any role (mail scanners prefetch links)', async () => {
    const invite = await t
      .http()
      .post('/api/groups/open-table/members')
      .set('Cookie', (who.organizer as Person).cookie)
      .send({ email: 'invitee@example.org', role: 'member' })
      .expect(202);
    expect(invite.body.id).toBeDefined();
    const mail = await t.smtp.waitFor('invitee@example.org');
    const invitePath = new URL(linkIn(mail.parsed.text, /\/invites\//)).pathname;
    await waitUntil(async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending', 'retrying')`,
      );
      return row.n === 0;
    });
    const before = await snapshot(t);
    const paths = [
      ...pages(),
      `/events/${privateEventId}`,
      `/groups/back-room`,
      invitePath,
      `/sign-in?next=${encodeURIComponent(`/events/${eventId}`)}`,
      `/events/${eventId}/rsvp`,
      `/groups/open-table/join`,
    ];
    for (const role of ROLES) {
      for (const path of paths) {
        const res = await getAs(role, path);
        const viewer = who[role];
        const head = viewer
          ? await t.http().head(path).set('Cookie', viewer.cookie)
          : await t.http().head(path);
        expect(head.status).toBeLessThan(500);
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers Going from the page through the RSVP service (source web), then back to the page with 303', async () => {
    const member = who.member as Person;
    const res = await t
      .http()
      .post(`/events/${eventId}/rsvp`)
      .set('Cookie', member.cookie)
      .type('form')
      .send({ status: 'maybe', mode: 'online' })
      .expect(303);
    expect(res.headers.location).toBe(`/events/${eventId}?answered=1`);
    const [row] = await t.dataSource.query(
      `SELECT status, source, mode FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, member.userId],
    );
    expect(row).toEqual({ status: 'maybe', source: 'web', mode: 'online' });
    const page = await getAs('member', `/events/${eventId}?answered=1`);
    expect(page.text).toContain('Your answer is saved.');
    expect(page.text).toContain('data-status="maybe"');
  });

  it('shows the RSVP service’s refusal on the page with its status (a full event), changing nothing', async () => {
    const nonMember = who.nonMember as Person;
    // Public group: anyone signed in may answer; the one in-person seat is taken, the online ones are zero.
    await t.dataSource.query(`UPDATE events SET waitlist_enabled = false WHERE id = $1`, [eventId]);
    try {
      const res = await t
        .http()
        .post(`/events/${eventId}/rsvp`)
        .set('Cookie', nonMember.cookie)
        .type('form')
        .send({ status: 'going', mode: 'in_person' });
      expect(res.status).toBe(409);
      expect(res.text).toContain('This event is full');
      const rows = await t.dataSource.query(`SELECT 1 FROM rsvps WHERE event_id = $1 AND user_id = $2`, [
        eventId,
        nonMember.userId,
      ]);
      expect(rows).toHaveLength(0);
    } finally {
      await t.dataSource.query(`UPDATE events SET waitlist_enabled = true WHERE id = $1`, [eventId]);
    }
  });

  it('refuses a form posted from another site, and sends visitors to sign in, changing nothing', async () => {
    const member = who.member as Person;
    const before = await snapshot(t);
    const forged = await t
      .http()
      .post(`/events/${eventId}/rsvp`)
      .set('Cookie', member.cookie)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ status: 'declined' });
    expect(forged.status).toBe(403);
    const visitor = await t.http().post(`/events/${eventId}/rsvp`).type('form').send({ status: 'going' });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/events/${eventId}`)}`);
    expect(await snapshot(t)).toEqual(before);
  });

  it('judges form posts by the same origin rule as the API: Sec-Fetch-Site, else Origin against PUBLIC_BASE_URL', async () => {
    const member = who.member as Person;
    const before = await snapshot(t);
    const crossSite = await t
      .http()
      .post(`/events/${eventId}/rsvp`)
      .set('Cookie', member.cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ status: 'declined' });
    expect(crossSite.status).toBe(403);
    expect(await snapshot(t)).toEqual(before);
    // Behind a proxy that rewrites Host, the public address is what the browser names as Origin.
    const viaProxy = await t
      .http()
      .post(`/events/${eventId}/rsvp`)
      .set('Cookie', member.cookie)
      .set('Host', 'internal:8080')
      .set('Origin', 'http://hearth.test')
      .type('form')
      .send({ status: 'maybe', mode: 'online' });
    expect(viaProxy.status).toBe(303);
    const [rsvp] = await t.dataSource.query(`SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`, [
      eventId,
      member.userId,
    ]);
    expect(rsvp.status).toBe('maybe');
  });

  it('signs in by email from a page: the link is mailed, and the page to return to is remembered', async () => {
    const res = await t
      .http()
      .post('/sign-in')
      .type('form')
      .send({ email: 'newcomer@example.org', next: `/events/${eventId}`, lang: 'en' })
      .expect(200);
    expect(res.text).toContain('Check your inbox');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('hearth_return_to='),
    );
    expect(cookie).toContain(encodeURIComponent(`/events/${eventId}`));
    const mail = await t.smtp.waitFor('newcomer@example.org');
    expect(linkIn(mail.parsed.text, /\/auth\/magic\?token=/)).toBeTruthy();
    // Somewhere else to return to is not remembered.
    const offsite = await t
      .http()
      .post('/sign-in')
      .type('form')
      .send({ email: 'newcomer@example.org', next: 'https://evil.example/phish' })
      .expect(200);
    expect(String(offsite.headers['set-cookie'] ?? '')).not.toContain('hearth_return_to');
  });

  it('accepts a group invitation only by POST, only for the invited address', async () => {
    await t
      .http()
      .post('/api/groups/open-table/members')
      .set('Cookie', (who.organizer as Person).cookie)
      .send({ email: 'guest@example.org', role: 'member' })
      .expect(202);
    const mail = await t.smtp.waitFor('guest@example.org');
    const path = new URL(linkIn(mail.parsed.text, /\/invites\//)).pathname;
    const wrong = await t
      .http()
      .post(path)
      .set('Cookie', (who.nonMember as Person).cookie)
      .type('form')
      .send({});
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('the invitation was sent to another address');
    const guest = await person(t, 'guest@example.org', 'Guest');
    const page = await t.http().get(path).set('Cookie', guest.cookie).expect(200);
    expect(page.text).toContain(`<form method="post" action="${path}">`);
    const accepted = await t.http().post(path).set('Cookie', guest.cookie).type('form').send({}).expect(200);
    // The group's name is isolated (<bdi>) inside the sentence, for right-to-left pages.
    expect(accepted.text).toContain('You joined <bdi>Group open-table</bdi>.');
    const again = await t.http().post(path).set('Cookie', guest.cookie).type('form').send({});
    expect(again.status).toBe(404);
    expect(again.text).toContain('already been used');
  });

  it('lists public events by kind without addresses, and speaks Arabic right-to-left when asked', async () => {
    const list = await getAs('anonymous', '/events?kind=hybrid');
    expect(list.text).toContain('Open table &lt;script&gt;');
    expect(list.text).not.toContain(ADDRESS);
    const networking = await getAs('anonymous', '/networking');
    expect(networking.text).not.toContain('Open table');
    const arabic = await getAs('anonymous', `/events/${eventId}?lang=ar`);
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
  });
});
