import { signToken } from '../libs/core/src';
import { signRsvpLink } from '../libs/events/src';
import { TEST_SECRET, TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';
import { createEvent, invite, rsvpOf } from './support/inbound';

const now = () => new Date();

describe('one-click RSVP links (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let members: Person[];

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, participants: members } = await groupWithTopic(t, 'links', { participants: 5 }));
  });
  afterAll(() => t.close());

  const history = async (eventId: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM rsvp_history WHERE event_id = $1`, [eventId])
    )[0].n;

  it('shows the page for GET and HEAD and changes nothing until the button is pressed', async () => {
    const [a] = members;
    const eventId = await createEvent(t, 'links', organizer, { title: 'Link night', capacity: 10 });
    await invite(t, eventId, [a.userId]);
    const mail = await t.smtp.waitFor(a.email, (m) => (m.parsed.subject ?? '').includes('Link night'));
    const link = new URL(linkIn(mail.parsed.text, /\/rsvp\/[^?]+\?answer=going/));
    const path = `${link.pathname}${link.search}`;
    await t.dataSource.query(`UPDATE users SET timezone = 'Asia/Tokyo' WHERE id = $1`, [a.userId]);
    const [{ starts_at: startsAt }] = await t.dataSource.query(`SELECT starts_at FROM events WHERE id = $1`, [
      eventId,
    ]);
    const tokyo = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
      startsAt,
    );
    for (let i = 0; i < 3; i++) {
      const page = await t.http().get(path).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.text).toContain('Link night');
      // In the member's own time zone, whatever the event's.
      expect(page.text).toContain('(Asia/Tokyo)');
      expect(page.text).toContain(tokyo);
      expect(page.text).toContain(`<form method="post" action="${link.pathname}">`);
      expect(page.text).toContain('<input type="hidden" name="answer" value="going">');
      expect(page.text).toContain('Confirm: I&#39;m going');
      expect(page.text).not.toMatch(/<script/i);
      expect(page.text).not.toContain('Hidden Lane 7');
      const head = await t.http().head(path).expect(200);
      expect(head.text ?? '').toBe('');
    }
    expect(await rsvpOf(t, eventId, a.userId)).toBeNull();
    expect(await history(eventId)).toBe(0);

    const answered = await t.http().post(link.pathname).type('form').send({ answer: 'going' }).expect(200);
    expect(answered.text).toContain('You&#39;re going');
    expect(answered.text).toContain(`href="${link.pathname}/calendar.ics"`);
    expect(await rsvpOf(t, eventId, a.userId)).toEqual({ status: 'going', source: 'link' });
    const ics = await t.http().get(`${link.pathname}/calendar.ics`).expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text).toContain('Hidden Lane 7');

    const again = await t.http().get(path).expect(200);
    expect(again.text).toContain('Your answer so far: <strong>going</strong>');
  });

  it('answers maybe and can’t go, waitlists on a full event and waits for approval, hiding the venue until confirmed', async () => {
    const [a, b, c] = members;
    const small = await createEvent(t, 'links', organizer, { title: 'Tiny table', capacity: 1 });
    const link = (p: Person, eventId: string) =>
      `/rsvp/${signRsvpLink(p.userId, eventId, TEST_SECRET, now())}`;
    await t.http().post(link(a, small)).type('form').send({ answer: 'going' }).expect(200);
    const waiting = await t.http().post(link(b, small)).type('form').send({ answer: 'going' }).expect(200);
    expect(waiting.text).toContain('You&#39;re on the waitlist');
    expect(await rsvpOf(t, small, b.userId)).toMatchObject({ status: 'waitlisted' });
    const ics = await t
      .http()
      .get(`${link(b, small)}/calendar.ics`)
      .expect(200);
    expect(ics.text).toContain('Tiny table');
    expect(ics.text).not.toContain('Hidden Lane 7');

    const maybe = await t.http().post(link(c, small)).type('form').send({ answer: 'maybe' }).expect(200);
    expect(maybe.text).toContain('You answered maybe');
    const no = await t.http().post(link(c, small)).type('form').send({ answer: 'declined' }).expect(200);
    expect(no.text).toContain('You&#39;re not going');
    expect(no.text).not.toContain('calendar.ics');
    expect(await rsvpOf(t, small, c.userId)).toEqual({ status: 'declined', source: 'link' });

    const approval = await createEvent(t, 'links', organizer, {
      title: 'By approval',
      approvalRequired: true,
    });
    const pending = await t.http().post(link(c, approval)).type('form').send({ answer: 'going' }).expect(200);
    expect(pending.text).toContain('Waiting for approval');
    expect(await rsvpOf(t, approval, c.userId)).toMatchObject({ status: 'pending_approval' });
  });

  it('asks in person or online for a hybrid event, and the code of conduct where required', async () => {
    const [, , , d] = members;
    const hybrid = await createEvent(t, 'links', organizer, {
      kind: 'hybrid',
      title: 'Both ways',
      capacity: 5,
      onlineCapacity: 50,
      joinUrl: 'https://meet.example.org/both',
      cocRequired: true,
    });
    const link = `/rsvp/${signRsvpLink(d.userId, hybrid, TEST_SECRET, now())}`;
    const get = await t.http().get(`${link}?answer=going`).expect(200);
    expect(get.text).toContain('I&#39;m going, in person');
    expect(get.text).toContain('name="mode" value="online"');
    const mode = await t.http().post(link).type('form').send({ answer: 'going' }).expect(200);
    expect(mode.text).toContain('In person or online?');
    const coc = await t.http().post(link).type('form').send({ answer: 'going', mode: 'online' }).expect(200);
    expect(coc.text).toContain('Be kind.');
    expect(coc.text).toContain('name="coc" value="yes"');
    expect(await rsvpOf(t, hybrid, d.userId)).toBeNull();
    const done = await t
      .http()
      .post(link)
      .type('form')
      .send({ answer: 'going', mode: 'online', coc: 'yes' })
      .expect(200);
    expect(done.text).toContain('You&#39;re going');
    const [row] = await t.dataSource.query(
      `SELECT status, mode FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [hybrid, d.userId],
    );
    expect(row).toEqual({ status: 'going', mode: 'online' });
  });

  it('refuses 1,000 tampered, foreign, expired and misused tokens with a clear page, never a 500, changing nothing', async () => {
    const [, , , , e] = members;
    const other = await person(t, 'other@links.test');
    const eventId = await createEvent(t, 'links', organizer, { title: 'Tamper test', capacity: 10 });
    const good = signRsvpLink(e.userId, eventId, TEST_SECRET, now());
    const [body, signature] = good.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (s: string) => s[Math.floor(rnd() * s.length)];
    const flip = (s: string) => {
      const i = Math.floor(rnd() * s.length);
      let c = pick(alphabet);
      while (c === s[i]) c = pick(alphabet);
      return s.slice(0, i) + c + s.slice(i + 1);
    };
    const claims = (over: Record<string, string | number>) =>
      Buffer.from(
        JSON.stringify({ purpose: 'rsvp-link', sub: e.userId, event: eventId, exp: 9999999999, ...over }),
      ).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const tokens: Array<[string, 400 | 410]> = [];
    const builders: Array<() => [string, 400 | 410]> = [
      () => [`${flip(body)}.${signature}`, 400],
      () => [`${body}.${flip(signature)}`, 400],
      () => [`${body}.${signature.slice(0, Math.floor(rnd() * signature.length))}`, 400],
      () => [`${body.slice(0, 1 + Math.floor(rnd() * (body.length - 1)))}.${signature}`, 400],
      () => [`${body}.${signature}${pick(alphabet)}`, 400],
      () => [`${body}${pick(alphabet)}.${signature}`, 400],
      () => [`${claims({ sub: other.userId })}.${signature}`, 400],
      () => [`${claims({})}.${signature}`, 400],
      () => [body, 400],
      () => [`${body}.${signature}.${signature}`, 400],
      () => [signToken({ purpose: 'unsubscribe', sub: e.userId, event: eventId, exp }, TEST_SECRET), 400],
      () => [signToken({ purpose: 'rsvp-link', sub: e.userId, event: eventId, exp }, `x${TEST_SECRET}`), 400],
      () => [signToken({ purpose: 'rsvp-link', sub: 'not-a-uuid', event: eventId, exp }, TEST_SECRET), 400],
      () => [signToken({ purpose: 'rsvp-link', sub: e.userId, event: 'x', exp }, TEST_SECRET), 400],
      () => [signRsvpLink(e.userId, eventId, TEST_SECRET, new Date(Date.now() - 91 * 24 * 3600_000)), 410],
    ];
    for (let i = 0; i < 1000; i++) tokens.push(builders[i % builders.length]());

    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    for (const [i, [token, expected]] of tokens.entries()) {
      const path = `/rsvp/${token}`;
      const res =
        i % 3 === 0
          ? await t.http().get(`${path}?answer=going`)
          : i % 3 === 1
            ? await t.http().post(path).type('form').send({ answer: 'going' })
            : await t.http().get(`${path}/calendar.ics`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== expected || !String(res.headers['content-type']).includes('text/html'))
        wrong.push(`${i}: ${res.status} for ${token}`);
    }
    expect(wrong).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([400, 410]);
    expect(await rsvpOf(t, eventId, e.userId)).toBeNull();
    expect(await history(eventId)).toBe(0);

    // The untampered token still works (the refusals above were the tampering, not the route).
    await t.http().post(`/rsvp/${good}`).type('form').send({ answer: 'maybe' }).expect(200);
    expect(await rsvpOf(t, eventId, e.userId)).toEqual({ status: 'maybe', source: 'link' });
  });

  it('says clearly what an expired or foreign link is, and refuses a POST without an answer', async () => {
    const [a] = members;
    const eventId = await createEvent(t, 'links', organizer, { title: 'Old news' });
    const expired = signRsvpLink(a.userId, eventId, TEST_SECRET, new Date(Date.now() - 100 * 24 * 3600_000));
    const gone = await t.http().get(`/rsvp/${expired}`).expect(410);
    expect(gone.text).toContain('This link has expired');
    const foreign = signRsvpLink(a.userId, eventId, 'another-instance-secret-0123456789abcdef', now());
    const invalid = await t
      .http()
      .post(`/rsvp/${foreign}`)
      .type('form')
      .send({ answer: 'going' })
      .expect(400);
    expect(invalid.text).toContain('This link is not valid');
    const good = signRsvpLink(a.userId, eventId, TEST_SECRET, now());
    await t.http().post(`/rsvp/${good}`).type('form').send({ answer: 'yes please' }).expect(400);
    await t.http().post(`/rsvp/${good}`).type('form').send({}).expect(400);
    expect(await rsvpOf(t, eventId, a.userId)).toBeNull();
  });
});
