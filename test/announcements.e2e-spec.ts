import { Clock } from '../libs/core/src';
import { formatRange, timeContext } from '../libs/i18n/src';
import { MailPreferencesService, OutboxService } from '../libs/mail/src';
import { AnnouncementsDelivery } from '../libs/runtime/src';
import { TestApp, startTestApp } from './support/app';
import { settleFanout } from './support/fanout';
import { Person, hoursAfter, inDays, person } from './support/fixtures';
import { ReceivedMail } from './support/smtp';

class TestClock extends Clock {
  at = new Date();
  now(): Date {
    return this.at;
  }
}

const SLUG = 'announce';
const HIDDEN_ADDRESS = '12 Hidden Lane';
/** Tomorrow (UTC) at hh:mm. */
const tomorrowAt = (hh: number, mm = 0, days = 1): Date => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hh, mm, 0, 0);
  return d;
};

describe('group announcements (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let delivery: AnnouncementsDelivery;
  let organizer: Person;
  let dana: Person; // digest (the default), English, UTC
  let basma: Person; // digest, Arabic, Asia/Amman
  let gita: Person; // digest, going to the attendees-only event
  let ivan: Person; // immediate
  let nora: Person; // 'none'
  let otto: Person; // global 'announcements' opt-out
  let bruno: Person; // banned
  let topicId: string;
  let eventId: string;
  let eventStartsAt: string;

  const mailsTo = (who: Person, purpose?: RegExp): ReceivedMail[] =>
    t.smtp.to(who.email).filter((m) => !purpose || purpose.test(m.parsed.subject ?? ''));
  /** Moves the app's clock and runs one worker tick at that time. */
  const tick = (at: Date) => {
    clock.at = at;
    return delivery.runOnce();
  };
  const settle = () => new Promise((r) => setTimeout(r, 700));
  const digestsTo = (who: Person) => mailsTo(who).filter((m) => /digest|ملخص/i.test(m.parsed.subject ?? ''));
  const join = async (who: Person) => {
    await t.http().post(`/api/groups/${SLUG}/join`).set('Cookie', who.cookie).expect(200);
  };
  const setMode = async (who: Person, mode: string) =>
    t.http().put(`/api/groups/${SLUG}/membership/announcements`).set('Cookie', who.cookie).send({ mode });

  beforeAll(async () => {
    t = await startTestApp(
      { PUBLIC_BASE_URL: 'https://hearth.test', REMINDER_POLL_MS: '3600000' },
      { clock },
    );
    delivery = t.server.app.get(AnnouncementsDelivery);
    organizer = await person(t, 'organizer@announce.test', 'Organizer');
    await t
      .http()
      .post('/api/groups')
      .set('Cookie', organizer.cookie)
      .send({ slug: SLUG, name: 'Announce group', timezone: 'Europe/Berlin', visibility: 'public' })
      .expect(201);
    [dana, basma, gita, ivan, nora, otto, bruno] = await Promise.all(
      ['dana', 'basma', 'gita', 'ivan', 'nora', 'otto', 'bruno'].map((n) =>
        person(t, `${n}@announce.test`, n[0].toUpperCase() + n.slice(1)),
      ),
    );
    for (const who of [dana, basma, gita, ivan, nora, otto, bruno]) await join(who);
    await t
      .http()
      .patch('/api/me')
      .set('Cookie', basma.cookie)
      .send({ locale: 'ar', timezone: 'Asia/Amman' })
      .expect(200);
    await t.server.app.get(MailPreferencesService).optOut(otto.userId, 'announcements');
    await t
      .http()
      .patch(`/api/groups/${SLUG}/members/${bruno.userId}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'banned' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('defaults new members to a daily digest and lets them choose per group', async () => {
    const mine = await t
      .http()
      .get(`/api/groups/${SLUG}/membership/announcements`)
      .set('Cookie', dana.cookie)
      .expect(200);
    expect(mine.body).toEqual({ mode: 'digest' });
    expect((await setMode(ivan, 'immediate')).status).toBe(200);
    expect((await setMode(nora, 'none')).body).toEqual({ mode: 'none' });
    const bad = await setMode(nora, 'hourly');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    // A banned member has no settings to change; a stranger neither.
    expect((await setMode(bruno, 'digest')).status).toBe(403);
    const stranger = await person(t, 'stranger@announce.test');
    expect(
      (await t.http().get(`/api/groups/${SLUG}/membership/announcements`).set('Cookie', stranger.cookie))
        .status,
    ).toBe(403);
    await t.http().get(`/api/groups/${SLUG}/membership/announcements`).expect(401);
  });

  it('records new topics and events in the request, and mails nobody until the worker runs', async () => {
    const topic = await t
      .http()
      .post(`/api/groups/${SLUG}/topics`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Picnic plans', body: 'Where shall we go?' })
      .expect(201);
    topicId = topic.body.id;
    const hidden = await t
      .http()
      .post(`/api/groups/${SLUG}/topics`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Hidden matter', body: 'x' })
      .expect(201);
    await t
      .http()
      .patch(`/api/topics/${hidden.body.id}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'hidden' })
      .expect(200);
    eventStartsAt = inDays(10);
    const event = await t
      .http()
      .post(`/api/groups/${SLUG}/events`)
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Summer picnic',
        startsAt: eventStartsAt,
        endsAt: new Date(new Date(eventStartsAt).getTime() + 2 * 3600_000).toISOString(),
        timezone: 'Europe/Berlin',
        venueName: 'The park',
        venueAddress: HIDDEN_ADDRESS,
        locationVisibility: 'attendees',
        capacity: 20,
      })
      .expect(201);
    eventId = event.body.id;
    await t
      .http()
      .post(`/api/groups/${SLUG}/events`)
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Draft outing',
        startsAt: inDays(12),
        endsAt: inDays(12, 19),
        timezone: 'Europe/Berlin',
        status: 'draft',
      })
      .expect(201);
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', gita.cookie)
      .send({ status: 'going' })
      .expect(200);
    await settle();
    for (const who of [dana, basma, ivan]) expect(mailsTo(who)).toHaveLength(0);
  });

  it('loses nothing and sends nothing when a tick fails before it commits (marks move with the mail)', async () => {
    const outbox = t.server.app.get(OutboxService);
    const enqueue = jest.spyOn(outbox, 'enqueue').mockRejectedValueOnce(new Error('worker died'));
    try {
      await expect(tick(tomorrowAt(2))).rejects.toThrow('worker died');
    } finally {
      enqueue.mockRestore();
    }
    const marks = await t.dataSource.query(
      `SELECT announced_through::int AS through FROM memberships WHERE user_id = $1`,
      [ivan.userId],
    );
    expect(marks).toEqual([{ through: 0 }]);
    expect(
      await t.dataSource.query(`SELECT 1 FROM outbox_messages WHERE purpose LIKE 'announcement%'`),
    ).toHaveLength(0);
  });

  it('mails immediate members each new item at once on the worker tick, with one-click unsubscribe', async () => {
    // 03:00 UTC: nobody's local morning yet (Amman is 06:00), so only immediate members hear.
    const result = await tick(tomorrowAt(3));
    expect(result).toEqual({ immediate: 2, digests: 0 });
    const topicMail = await t.smtp.waitFor(ivan.email, (m) =>
      (m.parsed.subject ?? '').startsWith('New topic in Announce group: Picnic plans'),
    );
    expect(topicMail.parsed.text).toContain(`https://hearth.test/topics/${topicId}`);
    const eventMail = await t.smtp.waitFor(ivan.email, (m) =>
      (m.parsed.subject ?? '').startsWith('New event in Announce group: Summer picnic'),
    );
    expect(eventMail.parsed.text).toMatch(/https:\/\/hearth\.test\/rsvp\/\S+\?answer=going/);
    expect(eventMail.parsed.text).not.toContain(HIDDEN_ADDRESS);
    expect(await tick(tomorrowAt(3, 5))).toEqual({ immediate: 0, digests: 0 });

    const raw = topicMail.raw.replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const url = /^List-Unsubscribe: <([^>]+)>/im.exec(raw)?.[1] ?? '';
    expect(url).toMatch(/^https:\/\/hearth\.test\/api\/unsubscribe\/announcements\//);
    const path = new URL(url).pathname;
    // A GET (a person, or a link scanner) changes nothing.
    expect((await t.http().get(path).expect(200)).text).toContain('<form method="post"');
    const still = await t
      .http()
      .get(`/api/groups/${SLUG}/membership/announcements`)
      .set('Cookie', ivan.cookie);
    expect(still.body).toEqual({ mode: 'immediate' });
    await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const after = await t
      .http()
      .get(`/api/groups/${SLUG}/membership/announcements`)
      .set('Cookie', ivan.cookie);
    expect(after.body).toEqual({ mode: 'none' });
    await t.http().post('/api/unsubscribe/announcements/forged.token').expect(400);
  });

  it('sends a digest in the recipient’s language once their local morning has come', async () => {
    // 06:00 UTC is 09:00 in Amman: Basma's morning, not yet Dana's (UTC).
    expect(await tick(tomorrowAt(6))).toEqual({ immediate: 0, digests: 1 });
    const digest = await t.smtp.waitFor(basma.email, (m) => (m.parsed.subject ?? '').includes('ملخص'));
    expect(digest.parsed.html).toContain('dir="rtl"');
    expect(digest.parsed.text).toContain('Picnic plans');
    expect(digest.parsed.text).toContain('Summer picnic');
    const start = new Date(eventStartsAt);
    const end = new Date(start.getTime() + 2 * 3600_000);
    expect(digest.parsed.text).toContain(formatRange(timeContext('ar', 'ar', ['Asia/Amman']), start, end));
    expect(digestsTo(dana)).toHaveLength(0);
  });

  it('sends each person exactly one digest a day, with what they may see, and nothing to those who opted out', async () => {
    const at = tomorrowAt(8, 30);
    clock.at = at;
    const runs = await Promise.all([delivery.runOnce(), delivery.runOnce()]);
    expect(runs.reduce((n, r) => n + r.digests, 0)).toBe(2); // Dana and Gita
    expect(await tick(tomorrowAt(20))).toEqual({ immediate: 0, digests: 0 });
    const digest = await t.smtp.waitFor(dana.email, (m) => (m.parsed.subject ?? '').includes('digest'));
    const text = `${digest.parsed.text}${digest.parsed.html}`;
    expect(digest.parsed.subject).toBe('Your daily digest: 2 new topics and events');
    expect(text).toContain(`https://hearth.test/topics/${topicId}`);
    expect(text).toContain(`https://hearth.test/events/${eventId}`);
    expect(text).toMatch(/https:\/\/hearth\.test\/rsvp\/\S+\?answer=maybe/);
    expect(text).not.toContain(HIDDEN_ADDRESS); // 'attendees' venue, and Dana is not going
    expect(text).not.toContain('Hidden matter');
    expect(text).not.toContain('Draft outing');
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const going = await t.smtp.waitFor(gita.email, (m) => (m.parsed.subject ?? '').includes('digest'));
    expect(going.parsed.text).toContain(HIDDEN_ADDRESS);
    await settle();
    for (const who of [dana, gita, basma]) expect(digestsTo(who)).toHaveLength(1);
    // 'none', the global opt-out, banned, and the author of everything: nothing.
    for (const who of [nora, otto, bruno, organizer]) expect(mailsTo(who)).toHaveLength(0);
  });

  it('lists only what is new since the last digest the next day, and nothing when nothing is new', async () => {
    await t
      .http()
      .post(`/api/groups/${SLUG}/topics`)
      .set('Cookie', basma.cookie)
      .send({ title: 'Autumn walk', body: 'Anyone?' })
      .expect(201);
    // Dana, Gita and the organizer (Basma wrote it; Ivan unsubscribed).
    expect(await tick(tomorrowAt(9, 0, 2))).toEqual({ immediate: 0, digests: 3 });
    const second = await t.smtp.waitFor(
      dana.email,
      (m) => (m.parsed.subject ?? '').includes('digest') && (m.parsed.text ?? '').includes('Autumn walk'),
    );
    expect(second.parsed.subject).toBe('Your daily digest: 1 new topic or event');
    expect(second.parsed.text).not.toContain('Picnic plans');
    await settle();
    expect(digestsTo(basma)).toHaveLength(1); // her own topic is not news to her
    expect(await tick(tomorrowAt(9, 0, 3))).toEqual({ immediate: 0, digests: 0 });
  });

  it('shows and saves the setting on the member page', async () => {
    const page = await t.http().get('/account/announcements').set('Cookie', dana.cookie).expect(200);
    expect(page.text).toContain('Announce group');
    expect(page.text).toMatch(/<option value="digest" selected/);
    await t
      .http()
      .post('/account/announcements')
      .set('Cookie', dana.cookie)
      .set('Origin', 'https://hearth.test')
      .type('form')
      .send({ slug: SLUG, mode: 'immediate' })
      .expect(200);
    const mine = await t
      .http()
      .get(`/api/groups/${SLUG}/membership/announcements`)
      .set('Cookie', dana.cookie)
      .expect(200);
    expect(mine.body).toEqual({ mode: 'immediate' });
  });

  it('does not announce an event to the people invited to it: the invitation says it once', async () => {
    // Dana is immediate since the previous test; Gita becomes immediate too, and only Dana is invited.
    await setMode(gita, 'immediate');
    const startsAt = inDays(12);
    await t
      .http()
      .post(`/api/groups/${SLUG}/events`)
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'online_discussion',
        title: 'Invitation-only chat',
        startsAt,
        endsAt: hoursAfter(startsAt, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/chat',
        audience: { people: dana.email },
      })
      .expect(201);
    await settleFanout(t);
    await t.smtp.waitFor(dana.email, (m) => (m.parsed.text ?? '').includes('Invitation-only chat'));
    await tick(tomorrowAt(3, 0, 4));
    await t.smtp.waitFor(gita.email, (m) =>
      (m.parsed.subject ?? '').startsWith('New event in Announce group: Invitation-only chat'),
    );
    await settle();
    expect(mailsTo(dana, /^New event in Announce group: Invitation-only chat/)).toHaveLength(0);
  });
});
