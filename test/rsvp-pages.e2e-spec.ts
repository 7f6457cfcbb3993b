import { signToken } from '../libs/core/src';
import { signRsvpLink } from '../libs/events/src';
import { TEST_SECRET, TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';
import { createEvent } from './support/inbound';

const linkOf = (p: Person, eventId: string): string =>
  `/rsvp/${signRsvpLink(p.userId, eventId, TEST_SECRET, new Date())}`;

/** The data-position of every element with this test id, in page order. */
const positions = (text: string, testId: string): number[] =>
  [...text.matchAll(new RegExp(`data-testid="${testId}"[^>]*?data-position="(\\d+)"`, 'g'))].map((m) =>
    Number(m[1]),
  );

describe('one-click RSVP pages: member layout, language, zones, venue, waitlist (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let members: Person[];
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, participants: members } = await groupWithTopic(t, 'pages', { participants: 4 }));
  });
  afterAll(() => t.close());

  const setProfile = (p: Person, locale: string, timezone: string) =>
    t.dataSource.query(`UPDATE users SET locale = $2, timezone = $3 WHERE id = $1`, [
      p.userId,
      locale,
      timezone,
    ]);
  const stranger = () => person(t, `guest${n++}@pages.test`, `Guest ${n}`);
  /** Position in line as stored: rank by waitlist_seq (per mode for a hybrid event). */
  const storedPositions = async (eventId: string): Promise<Map<string, number>> => {
    const rows: Array<{ user_id: string; n: number }> = await t.dataSource.query(
      `SELECT user_id, row_number() OVER (PARTITION BY mode ORDER BY waitlist_seq)::int AS n
         FROM rsvps WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  };

  it('speaks the recipient’s language to someone not signed in, in the member layout, with both zones', async () => {
    const [a] = members;
    await setProfile(a, 'ar', 'Asia/Tokyo');
    const eventId = await createEvent(t, 'pages', organizer, { title: 'Evening circle', capacity: 10 });
    const link = linkOf(a, eventId);
    const page = await t.http().get(link).set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain('class="skip"'); // the member layout
    expect(page.text).toContain('header class="site"');
    expect(page.text).toContain('اضغط الزر لتردّ'); // "Press the button to answer" in Arabic
    expect(page.text).toContain('تأكيد: سأحضر');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.headers['cache-control']).toBe('no-store');
    // The event's own zone and the member's, each named.
    expect(page.text).toMatch(/data-testid="event-time"><time[^>]*>[^<]*\(Europe\/Berlin\)/);
    expect(page.text).toMatch(/data-testid="member-time"><time[^>]*>[^<]*\(Asia\/Tokyo\)/);
    expect(page.text).toContain(`href="/events/${eventId}"`);

    // A language chosen on the page wins, and is kept on the form.
    const english = await t.http().get(`${link}?lang=en`).expect(200);
    expect(english.text).toContain('<html lang="en" dir="ltr">');
    expect(english.text).toContain(`action="${link}?lang=en"`);
    // Someone signed in reads their own language.
    const reader = await stranger();
    const signedIn = await t.http().get(link).set('Cookie', reader.cookie).expect(200);
    expect(signedIn.text).toContain('<html lang="en" dir="ltr">');

    // The answer page too, in Arabic, with the venue now that the place is confirmed.
    const done = await t.http().post(link).type('form').send({ answer: 'going' }).expect(200);
    expect(done.text).toContain('<html lang="ar" dir="rtl">');
    expect(done.text).toContain('ستحضر');
    expect(done.text).toContain('Hidden Lane 7');

    // Without a usable zone of their own, only the event's.
    await setProfile(a, 'en', 'Not/AZone');
    const noZone = await t.http().get(link).expect(200);
    expect(noZone.text).toContain('data-testid="event-time"');
    expect(noZone.text).not.toContain('data-testid="member-time"');
  });

  it('after answering shows the venue only when allowed, an add-to-calendar link that works, and the event', async () => {
    const [, b, c] = members;
    const eventId = await createEvent(t, 'pages', organizer, { title: 'Small room', capacity: 1 });
    const bLink = linkOf(b, eventId);
    const going = await t.http().post(bLink).type('form').send({ answer: 'going' }).expect(200);
    expect(going.text).toContain('data-testid="venue"');
    expect(going.text).toContain('Hidden Lane 7');
    expect(going.text).toContain(`href="/events/${eventId}"`);
    const calendarHref = /href="(\/rsvp\/[^"]+\/calendar\.ics)"[^>]*data-testid="add-to-calendar"/.exec(
      going.text,
    )?.[1];
    expect(calendarHref).toBe(`${bLink}/calendar.ics`);
    const ics = await t
      .http()
      .get(calendarHref ?? '')
      .expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VEVENT');
    expect(ics.text).toContain('Hidden Lane 7');

    // Waitlisted on a hidden-venue event: no address, the sentence saying when it is shared.
    const waiting = await t
      .http()
      .post(linkOf(c, eventId))
      .type('form')
      .send({ answer: 'going' })
      .expect(200);
    expect(waiting.text).toContain('data-status="waitlisted"');
    expect(waiting.text).not.toContain('Hidden Lane 7');
    expect(waiting.text).toContain('data-testid="location-hidden"');
    expect(positions(waiting.text, 'waitlist-position')).toEqual([1]);
    const waitingIcs = await t
      .http()
      .get(`${linkOf(c, eventId)}/calendar.ics`)
      .expect(200);
    expect(waitingIcs.text).toContain('Small room');
    expect(waitingIcs.text).not.toContain('Hidden Lane 7');

    // An online event's join link, once going.
    const online = await createEvent(t, 'pages', organizer, {
      kind: 'online_discussion',
      title: 'Call',
      venueName: undefined,
      venueAddress: undefined,
      joinUrl: 'https://meet.example.org/secret-room',
    });
    const joined = await t.http().post(linkOf(c, online)).type('form').send({ answer: 'going' }).expect(200);
    expect(joined.text).toContain('data-testid="join-url"');
    expect(joined.text).toContain('https://meet.example.org/secret-room');
    const maybe = await t.http().post(linkOf(b, online)).type('form').send({ answer: 'maybe' }).expect(200);
    expect(maybe.text).not.toContain('secret-room');
  });

  it('warns before Going that a full event means the waitlist, with the position then given, on both pages', async () => {
    // Attendee counts shown to everyone: the warning may say how many wait.
    const eventId = await createEvent(t, 'pages', organizer, {
      title: 'Full house',
      capacity: 1,
      attendeeVisibility: 'count',
    });
    const [first, second, third, fourth] = await Promise.all([
      stranger(),
      stranger(),
      stranger(),
      stranger(),
    ]);
    const open = await t.http().get(linkOf(first, eventId)).expect(200);
    expect(open.text).not.toContain('waitlist-warning');
    await t.http().post(linkOf(first, eventId)).type('form').send({ answer: 'going' }).expect(200);

    for (const [i, p] of [second, third].entries()) {
      const before = await t.http().get(linkOf(p, eventId)).expect(200);
      expect(positions(before.text, 'waitlist-warning')).toEqual([i + 1]);
      expect(before.text).toContain(`you will join the waitlist (position ${i + 1})`);
      const after = await t
        .http()
        .post(linkOf(p, eventId))
        .type('form')
        .send({ answer: 'going' })
        .expect(200);
      expect(positions(after.text, 'waitlist-position')).toEqual([i + 1]);
      // Already waiting: no warning, the place held.
      const again = await t.http().get(linkOf(p, eventId)).expect(200);
      expect(again.text).not.toContain('waitlist-warning');
      expect(positions(again.text, 'waitlist-position')).toEqual([i + 1]);
    }
    // The one going is not warned either.
    expect((await t.http().get(linkOf(first, eventId))).text).not.toContain('waitlist-warning');

    // The event page's RSVP box says the same before Going, and shows the place given after.
    const page = await t.http().get(`/events/${eventId}`).set('Cookie', fourth.cookie).expect(200);
    expect(positions(page.text, 'waitlist-warning')).toEqual([3]);
    await t
      .http()
      .post(`/events/${eventId}/rsvp`)
      .set('Cookie', fourth.cookie)
      .type('form')
      .send({ status: 'going' })
      .expect(303);
    const answered = await t
      .http()
      .get(`/events/${eventId}?answered=1`)
      .set('Cookie', fourth.cookie)
      .expect(200);
    expect(answered.text).not.toContain('waitlist-warning');
    expect(positions(answered.text, 'waitlist-position')).toEqual([3]);
    expect((await storedPositions(eventId)).get(fourth.userId)).toBe(3);

    // A seat freed: the head of the line is promoted and everyone moves up.
    await t.http().post(linkOf(first, eventId)).type('form').send({ answer: 'declined' }).expect(200);
    const moved = await t.http().get(linkOf(third, eventId)).expect(200);
    expect(positions(moved.text, 'waitlist-position')).toEqual([1]);
  });

  it('warns without a number when the viewer may not see attendee counts (the default), and shows their own place after', async () => {
    const eventId = await createEvent(t, 'pages', organizer, { title: 'Quiet full house', capacity: 1 });
    const [first, second, third, fourth] = await Promise.all([
      stranger(),
      stranger(),
      stranger(),
      stranger(),
    ]);
    for (const p of [first, second, third])
      await t.http().post(linkOf(p, eventId)).type('form').send({ answer: 'going' }).expect(200);
    // The API hides the counts from this person…
    const api = await t.http().get(`/api/events/${eventId}/rsvps`).set('Cookie', fourth.cookie).expect(200);
    expect(api.body.goingCount).toBeNull();
    // …so neither page tells how many wait, but both say that Going means the waitlist.
    const link = await t.http().get(linkOf(fourth, eventId)).expect(200);
    const page = await t.http().get(`/events/${eventId}`).set('Cookie', fourth.cookie).expect(200);
    for (const res of [link, page]) {
      expect(res.text).toMatch(/data-testid="waitlist-warning"(?![^>]*data-position)[^>]*>/);
      expect(res.text).toContain('the seats are taken, so if you answer Going, you will join the waitlist.');
      expect(res.text).not.toMatch(/\(position \d+\)/);
      expect(positions(res.text, 'waitlist-warning')).toEqual([]);
    }
    // An organizer (who may see counts) is given the number.
    const own = await t.http().get(`/events/${eventId}`).set('Cookie', organizer.cookie).expect(200);
    expect(positions(own.text, 'waitlist-warning')).toEqual([3]);
    // Once in line, the person's own place is theirs to see, on both pages.
    const after = await t
      .http()
      .post(linkOf(fourth, eventId))
      .type('form')
      .send({ answer: 'going' })
      .expect(200);
    expect(positions(after.text, 'waitlist-position')).toEqual([3]);
    expect(positions((await t.http().get(linkOf(fourth, eventId))).text, 'waitlist-position')).toEqual([3]);
    const mine = await t.http().get(`/events/${eventId}`).set('Cookie', fourth.cookie).expect(200);
    expect(mine.text).not.toContain('waitlist-warning');
    expect(positions(mine.text, 'waitlist-position')).toEqual([3]);
  });

  it('does not warn of the waitlist while answers are closed or not yet open', async () => {
    const eventId = await createEvent(t, 'pages', organizer, {
      title: 'Window',
      capacity: 1,
      attendeeVisibility: 'count',
    });
    const [first, second] = await Promise.all([stranger(), stranger()]);
    await t.http().post(linkOf(first, eventId)).type('form').send({ answer: 'going' }).expect(200);
    const warned = async (): Promise<boolean[]> => [
      (await t.http().get(linkOf(second, eventId)).expect(200)).text.includes('waitlist-warning'),
      (await t.http().get(`/events/${eventId}`).set('Cookie', second.cookie).expect(200)).text.includes(
        'waitlist-warning',
      ),
    ];
    expect(await warned()).toEqual([true, true]);
    const set = (fields: Record<string, string | null>) =>
      t.http().patch(`/api/events/${eventId}`).set('Cookie', organizer.cookie).send(fields).expect(200);
    const hour = 3600_000;
    await set({ rsvpOpensAt: null, rsvpClosesAt: new Date(Date.now() - hour).toISOString() });
    expect(await warned()).toEqual([false, false]);
    await set({ rsvpOpensAt: new Date(Date.now() + hour).toISOString(), rsvpClosesAt: null });
    expect(await warned()).toEqual([false, false]);
    await set({ rsvpOpensAt: null, rsvpClosesAt: null });
    expect(await warned()).toEqual([true, true]);
  });

  it('counts a hybrid event’s waitlist per attendance mode', async () => {
    const eventId = await createEvent(t, 'pages', organizer, {
      kind: 'hybrid',
      title: 'Both ways',
      attendeeVisibility: 'count',
      capacity: 1,
      onlineCapacity: 1,
      joinUrl: 'https://meet.example.org/both',
    });
    const [a, b, c, d] = await Promise.all([stranger(), stranger(), stranger(), stranger()]);
    const go = (p: Person, mode: string) =>
      t.http().post(linkOf(p, eventId)).type('form').send({ answer: 'going', mode }).expect(200);
    await go(a, 'in_person');
    const warned = await t.http().get(linkOf(b, eventId)).expect(200);
    expect(warned.text).toMatch(/data-testid="waitlist-warning"\s+data-position="1"\s+data-mode="in_person"/);
    expect(warned.text).not.toContain('data-mode="online"');
    expect(positions((await go(b, 'in_person')).text, 'waitlist-position')).toEqual([1]);
    await go(c, 'online');
    const both = await t.http().get(linkOf(d, eventId)).expect(200);
    expect(both.text).toMatch(/data-position="2"\s+data-mode="in_person"/);
    expect(both.text).toMatch(/data-position="1"\s+data-mode="online"/);
    expect(positions((await go(d, 'online')).text, 'waitlist-position')).toEqual([1]);
    const stored = await storedPositions(eventId);
    expect([stored.get(b.userId), stored.get(d.userId)]).toEqual([1, 1]);
  });

  it('shows each of many concurrent answers the position it was given: 1..n, no duplicates', async () => {
    // Counts visible, so the warning's number can be checked against the place then given.
    const eventId = await createEvent(t, 'pages', organizer, {
      title: 'Rush',
      capacity: 2,
      attendeeVisibility: 'count',
    });
    const crowd = await Promise.all(Array.from({ length: 24 }, () => stranger()));
    const answers = await Promise.all(
      crowd.map((p) => t.http().post(linkOf(p, eventId)).type('form').send({ answer: 'going' })),
    );
    expect(answers.map((r) => r.status)).toEqual(crowd.map(() => 200));
    const stored = await storedPositions(eventId);
    const shown = new Map<string, number>();
    crowd.forEach((p, i) => {
      const [position] = positions(answers[i].text, 'waitlist-position');
      if (answers[i].text.includes('data-status="going"')) expect(position).toBeUndefined();
      else shown.set(p.userId, position);
    });
    expect(shown.size).toBe(22);
    expect(shown).toEqual(stored);
    expect([...shown.values()].sort((x, y) => x - y)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));

    // Nobody answering in between: the warning's N is the place then given.
    for (let i = 0; i < 3; i++) {
      const next = await stranger();
      const before = await t.http().get(linkOf(next, eventId)).expect(200);
      const [warned] = positions(before.text, 'waitlist-warning');
      expect(warned).toBe(23 + i);
      const after = await t
        .http()
        .post(linkOf(next, eventId))
        .type('form')
        .send({ answer: 'going' })
        .expect(200);
      expect(positions(after.text, 'waitlist-position')).toEqual([warned]);
      expect((await storedPositions(eventId)).get(next.userId)).toBe(warned);
    }
  });

  it('answers bad, expired and tampered links with a member-layout page in 4xx, never a 500', async () => {
    const [, , , d] = members;
    const eventId = await createEvent(t, 'pages', organizer, { title: 'Guarded' });
    const good = signRsvpLink(d.userId, eventId, TEST_SECRET, new Date()).split('.');
    // A different first character of the signature, whatever it was (a fixed 'x' matched one link in 64).
    const flipped = good[1].startsWith('x') ? 'y' : 'x';
    const expired = signRsvpLink(d.userId, eventId, TEST_SECRET, new Date(Date.now() - 100 * 24 * 3600_000));
    const cases: Array<[string, number]> = [
      [`/rsvp/${good[0]}.${flipped}${good[1].slice(1)}`, 400],
      ['/rsvp/nonsense', 400],
      [`/rsvp/${'a'.repeat(290)}`, 400],
      [`/rsvp/${expired}`, 410],
      [`/rsvp/${encodeURIComponent('<script>x</script>')}`, 400],
    ];
    for (const [path, status] of cases) {
      for (const res of [
        await t.http().get(path).set('Accept-Language', 'ar'),
        await t.http().post(path).type('form').send({ answer: 'going' }).set('Accept-Language', 'ar'),
        await t.http().get(`${path}/calendar.ics`).set('Accept-Language', 'ar'),
      ]) {
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.text).toContain('<html lang="ar" dir="rtl">');
        expect(res.text).toContain('class="skip"');
        expect(res.text).toContain('role="alert"');
        expect(res.text).not.toContain('<script>x');
      }
    }
    // The good link still works (the refusals were the tampering).
    await t
      .http()
      .get(`/rsvp/${good.join('.')}`)
      .expect(200);
  });

  it('serves the sign-in link page and the unsubscribe pages in the member layout and the recipient’s language', async () => {
    const [a] = members;
    await setProfile(a, 'ar', 'Europe/London');
    await t.http().post('/api/auth/magic-link').send({ email: a.email }).expect(202);
    const mail = await t.smtp.waitFor(a.email, (m) => (m.parsed.text ?? '').includes('/auth/magic?token='));
    const magic = new URL(/https?:\/\/\S+\/auth\/magic\?\S+/.exec(mail.parsed.text ?? '')?.[0] ?? '');
    expect(magic.searchParams.get('lang')).toBe('ar');
    const confirm = await t.http().get(`${magic.pathname}${magic.search}`).expect(200);
    expect(confirm.text).toContain('<html lang="ar" dir="rtl">');
    expect(confirm.text).toContain('class="skip"');
    expect(confirm.text).toContain('action="/auth/magic?lang=ar"');
    expect(confirm.headers['referrer-policy']).toBe('no-referrer');
    const signedIn = await t
      .http()
      .post('/auth/magic?lang=ar')
      .type('form')
      .send({ token: magic.searchParams.get('token') })
      .expect(303);
    // Signed in: on to the first sign-in step (then home), in the member's language.
    expect(signedIn.headers.location).toBe('/welcome?next=%2Fhome');
    const session = String(
      (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hearth_session=')),
    ).split(';')[0];
    const welcome = await t.http().get('/welcome?next=%2Fhome').set('Cookie', session).expect(200);
    expect(welcome.text).toContain('<html lang="ar" dir="rtl">');
    const used = await t
      .http()
      .post('/auth/magic')
      .type('form')
      .send({ token: magic.searchParams.get('token') })
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(used.text).toContain('<html lang="ar" dir="rtl">');
    expect(used.text).toContain('role="alert"');

    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = signToken(
      { purpose: 'unsubscribe', sub: a.userId, category: 'reminders', exp },
      TEST_SECRET,
    );
    const ask = await t.http().get(`/api/unsubscribe/${token}`).set('Accept-Language', 'en').expect(200);
    expect(ask.text).toContain('<html lang="ar" dir="rtl">');
    expect(ask.text).toContain('class="skip"');
    expect(ask.text).toContain(`<form method="post" action="/api/unsubscribe/${token}">`);
    const done = await t.http().post(`/api/unsubscribe/${token}`).expect(200);
    expect(done.text).toContain('<html lang="ar" dir="rtl">');
    const bad = await t.http().get('/api/unsubscribe/forged.token').set('Accept-Language', 'ar').expect(400);
    expect(bad.text).toContain('<html lang="ar" dir="rtl">');
    expect(bad.text).toContain('role="alert"');
  });

  it('refuses a sign-in link posted from another site: no session, and the link still works here', async () => {
    const victim = await stranger();
    await t.http().post('/api/auth/magic-link').send({ email: victim.email }).expect(202);
    const mail = await t.smtp.waitFor(victim.email, (m) =>
      (m.parsed.text ?? '').includes('/auth/magic?token='),
    );
    const magic = new URL(/https?:\/\/\S+\/auth\/magic\?\S+/.exec(mail.parsed.text ?? '')?.[0] ?? '');
    const token = magic.searchParams.get('token');
    // Login CSRF: another site's form would sign this browser into the attacker's account.
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }]) {
      const refused = await t
        .http()
        .post('/auth/magic')
        .set(headers)
        .type('form')
        .send({ token })
        .expect(403);
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect(refused.text).toContain('role="alert"');
    }
    // The token was not spent: the same form from this site signs in.
    const signedIn = await t
      .http()
      .post('/auth/magic')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ token })
      .expect(303);
    expect(String(signedIn.headers['set-cookie'])).toContain('hearth_session=');
  });

  it('never caches the unsubscribe pages, and copies no link token into the sign-in link', async () => {
    const [a] = members;
    const viewer = await stranger();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const reminders = signToken(
      { purpose: 'unsubscribe', sub: a.userId, category: 'reminders', exp },
      TEST_SECRET,
    );
    const group = await t.http().get('/api/groups/pages').expect(200);
    const announcements = signToken(
      { purpose: 'announcements-unsubscribe', sub: a.userId, groups: group.body.id, exp },
      TEST_SECRET,
    );
    for (const path of [`/api/unsubscribe/${reminders}`, `/api/unsubscribe/announcements/${announcements}`]) {
      for (const res of [
        await t.http().get(path).set('Cookie', viewer.cookie).expect(200),
        await t.http().post(path).set('Cookie', viewer.cookie).expect(200),
        await t.http().get(`${path}x`).expect(400),
      ]) {
        expect(res.text).toContain('class="skip"');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      }
    }

    // Signed out on a page whose address is a token: "Sign in" is plain, and no Referer leaves it.
    const eventId = await createEvent(t, 'pages', organizer, { title: 'Token pages' });
    const link = linkOf(a, eventId);
    for (const path of [link, '/auth/magic?token=secret-token-value', `/api/unsubscribe/${reminders}`]) {
      const page = await t.http().get(path).expect(200);
      expect(page.text).toMatch(/<a href="\/sign-in">/);
      expect(page.text).not.toContain('/sign-in?next=');
      expect(page.text).toContain('<meta name="referrer" content="no-referrer" />');
    }
    expect((await t.http().post(link).type('form').send({ answer: 'maybe' }).expect(200)).text).toMatch(
      /<a href="\/sign-in">/,
    );
    // Other pages still come back after signing in.
    const event = await t.http().get(`/events/${eventId}`).expect(200);
    expect(event.text).toContain(`href="/sign-in?next=${encodeURIComponent(`/events/${eventId}`)}"`);
    expect(event.text).toContain('<meta name="referrer" content="same-origin" />');
  });
});
