import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { RemindersService } from '../libs/events/src';
import { TestApp, startTestApp } from './support/app';
import { ReceivedMail } from './support/smtp';
import { Person, groupWithTopic, person, waitUntil } from './support/fixtures';

const ADDRESS = 'Kastanienallee 12, Berlin';
// December of next year: always ahead (events start in the future) and always winter time in Berlin.
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const EMITTED = join(__dirname, '..', 'test-output', 'emitted-mail');

interface Invite {
  mail: ReceivedMail;
  mimeMethod: string;
  method: string;
  uid: string;
  sequence: number;
  attendees: Array<{ email: string; partstat: string }>;
  location: string | null;
  status: string | null;
  ics: string;
}

/** The text/calendar alternative of a message, parsed strictly with ical.js. */
function calendarOf(mail: ReceivedMail): Invite {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no text/calendar part in "${mail.parsed.subject}"`);
  const header = part.headers.get('content-type') as { params?: Record<string, string> };
  // Unfolded (RFC 5545 §3.1), so long lines can be matched whole.
  const ics = part.content.toString('utf8').replace(/\r?\n[ \t]/g, '');
  const root = new ICAL.Component(ICAL.parse(ics));
  const [vevent] = root.getAllSubcomponents('vevent');
  return {
    mail,
    ics,
    mimeMethod: header.params?.method ?? '',
    method: String(root.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    attendees: vevent.getAllProperties('attendee').map((p) => ({
      email: String(p.getFirstValue())
        .replace(/^mailto:/i, '')
        .toLowerCase(),
      partstat: String(p.getParameter('partstat')),
    })),
    location: (vevent.getFirstPropertyValue('location') as string | null) ?? null,
    status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
  };
}

const invitesTo = (t: TestApp, who: Person): Invite[] =>
  t.smtp
    .to(who.email)
    .filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'))
    .map(calendarOf);

async function nextInvite(t: TestApp, who: Person, after: number, what = 'an invitation'): Promise<Invite> {
  return waitUntil(() => Promise.resolve(invitesTo(t, who)[after]), 15_000).catch(() => {
    throw new Error(`${who.email} did not get ${what}`);
  });
}

describe('calendar invitations (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let alice: Person;
  let basma: Person;
  let carol: Person;
  let eventId: string;
  const uid = () => `${eventId}@hearth.localhost`;

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    t = await startTestApp({
      PUBLIC_BASE_URL: 'https://hearth.test',
      DKIM_DOMAIN: 'hearth.test',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const setup = await groupWithTopic(t, 'calgroup', { participants: 3 });
    organizer = setup.organizer;
    [alice, basma, carol] = setup.participants;
    await t
      .http()
      .patch('/api/me')
      .set('Cookie', basma.cookie)
      .send({ locale: 'ar', timezone: 'Asia/Amman' })
      .expect(200);
    const res = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Winter',
        events: [
          {
            kind: 'in_person',
            title: 'Winter meetup',
            // 17:00 UTC in winter is 18:00 in Berlin.
            startsAt: `${NEXT_YEAR}-12-10T17:00:00Z`,
            endsAt: `${NEXT_YEAR}-12-10T19:00:00Z`,
            timezone: 'Europe/Berlin',
            venueName: 'Café',
            venueAddress: ADDRESS,
            capacity: 1,
          },
        ],
      })
      .expect(201);
    eventId = res.body.events[0].id;
  });
  afterAll(async () => {
    // Every calendar message this run emitted is kept for `npm run test:calendar-validate`.
    mkdirSync(EMITTED, { recursive: true });
    t.smtp.received
      .filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'))
      .forEach((m, i) =>
        writeFileSync(join(EMITTED, `calendar-e2e-${String(i).padStart(3, '0')}.eml`), m.raw),
      );
    await t.close();
  });

  it('sends each participant one REQUEST with only themselves as attendee, the right local time and no hidden venue', async () => {
    for (const who of [alice, basma, carol, organizer]) {
      const invite = await nextInvite(t, who, 0);
      expect(invite.mimeMethod).toBe('REQUEST');
      expect(invite.method).toBe('REQUEST');
      expect(invite.uid).toBe(uid());
      expect(invite.sequence).toBe(0);
      expect(invite.attendees).toEqual([{ email: who.email, partstat: 'NEEDS-ACTION' }]);
      expect(invite.ics).toMatch(new RegExp(`DTSTART;TZID=Europe/Berlin:${NEXT_YEAR}1210T180000`));
      expect(invite.ics).toMatch(/BEGIN:VTIMEZONE[\s\S]*TZID:Europe\/Berlin/);
      expect(invite.ics).toMatch(
        /ORGANIZER;CN="?Group calgroup"?:mailto:rsvp\+[0-9a-f]{52}@hearth\.localhost/,
      );
      expect(invite.ics).toMatch(/ATTENDEE[^\r\n]*RSVP=TRUE/);
      // Organizers see the venue; nobody else does before their place is confirmed.
      expect(`${invite.ics}${invite.mail.parsed.text}${invite.mail.parsed.html}`.includes(ADDRESS)).toBe(
        who === organizer,
      );
      expect(invite.mail.parsed.attachments.some((a) => a.filename === 'invite.ics')).toBe(true);
      expect(invite.mail.raw).toMatch(/^DKIM-Signature: /m);
      // Non-essential mail carries one-click unsubscribe.
      expect(invite.mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    }
    const ar = (await nextInvite(t, basma, 0)).mail;
    expect(ar.parsed.html).toContain('dir="rtl"');
    expect(ar.parsed.subject).toContain('دعوة');
  });

  it('confirms with the venue, waitlists without it, and reveals it on promotion', async () => {
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', alice.cookie)
      .send({ status: 'going' })
      .expect(200);
    const accepted = await nextInvite(t, alice, 1, 'a confirmation');
    expect(accepted.attendees).toEqual([{ email: alice.email, partstat: 'ACCEPTED' }]);
    expect(accepted.location).toContain(ADDRESS);
    expect(accepted.sequence).toBeGreaterThan(0);

    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', carol.cookie)
      .send({ status: 'going' })
      .expect(200);
    const waitlisted = await nextInvite(t, carol, 1, 'a waitlist notice');
    expect(waitlisted.mail.parsed.subject).toMatch(/^On the waitlist/);
    expect(waitlisted.attendees).toEqual([{ email: carol.email, partstat: 'TENTATIVE' }]);
    expect(waitlisted.location).toBeNull();
    expect(`${waitlisted.ics}${waitlisted.mail.parsed.text}`).not.toContain(ADDRESS);

    await t.http().delete(`/api/events/${eventId}/rsvps/me`).set('Cookie', alice.cookie).expect(200);
    const promoted = await nextInvite(t, carol, 2, 'a promotion');
    expect(promoted.attendees).toEqual([{ email: carol.email, partstat: 'ACCEPTED' }]);
    expect(promoted.location).toContain(ADDRESS);
    expect(promoted.sequence).toBeGreaterThan(waitlisted.sequence);
  });

  it('updates every invited calendar in place when the event moves, except those who declined', async () => {
    const before = {
      basma: invitesTo(t, basma).length,
      carol: invitesTo(t, carol).length,
      alice: invitesTo(t, alice).length,
    };
    const preview = await t
      .http()
      .get(`/api/events/${eventId}/update-preview`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(preview.body.calendarsToUpdate).toBe(3);
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: `${NEXT_YEAR}-12-10T18:00:00Z`, endsAt: `${NEXT_YEAR}-12-10T20:00:00Z` })
      .expect(200);
    const basmaUpdate = await nextInvite(t, basma, before.basma, 'an update');
    const carolUpdate = await nextInvite(t, carol, before.carol, 'an update');
    for (const update of [basmaUpdate, carolUpdate]) {
      expect(update.method).toBe('REQUEST');
      expect(update.uid).toBe(uid());
      expect(update.ics).toMatch(new RegExp(`DTSTART;TZID=Europe/Berlin:${NEXT_YEAR}1210T190000`));
    }
    expect(carolUpdate.location).toContain(ADDRESS);
    expect(basmaUpdate.location).toBeNull();
    expect(basmaUpdate.mail.parsed.html).toContain('dir="rtl"');
    await new Promise((r) => setTimeout(r, 500));
    expect(invitesTo(t, alice)).toHaveLength(before.alice);
  });

  it('cancels in every calendar with a higher SEQUENCE, the same UID and no venue', async () => {
    const before = { basma: invitesTo(t, basma).length, carol: invitesTo(t, carol).length };
    await t.http().post(`/api/events/${eventId}/cancel`).set('Cookie', organizer.cookie).expect(200);
    for (const [who, n] of [
      [basma, before.basma],
      [carol, before.carol],
    ] as const) {
      const all = invitesTo(t, who).slice(0, n);
      const cancel = await nextInvite(t, who, n, 'a cancellation');
      expect(cancel.mimeMethod).toBe('CANCEL');
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.status).toBe('CANCELLED');
      expect(cancel.uid).toBe(uid());
      expect(cancel.location).toBeNull();
      const sequences = [...all, cancel].map((i) => i.sequence);
      for (let i = 1; i < sequences.length; i++) expect(sequences[i]).toBeGreaterThan(sequences[i - 1]);
      expect([...all, cancel].every((i) => i.uid === uid() && i.attendees.length === 1)).toBe(true);
    }
  });

  it('sends a removed attendee a CANCEL for themselves only', async () => {
    const ev = await t
      .http()
      .post('/api/groups/calgroup/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Small',
        startsAt: `${NEXT_YEAR}-12-12T17:00:00Z`,
        endsAt: `${NEXT_YEAR}-12-12T18:00:00Z`,
        timezone: 'Europe/Berlin',
        venueAddress: ADDRESS,
        capacity: 5,
      })
      .expect(201);
    const dana = await person(t, 'dana@calgroup.test');
    await t
      .http()
      .post(`/api/events/${ev.body.id}/rsvps`)
      .set('Cookie', dana.cookie)
      .send({ status: 'going' })
      .expect(200);
    await nextInvite(t, dana, 0, 'a confirmation');
    await t
      .http()
      .post(`/api/events/${ev.body.id}/rsvps/${dana.userId}/remove`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    const cancel = await nextInvite(t, dana, 1, 'a removal');
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.status).toBeNull();
    expect(cancel.attendees).toEqual([{ email: dana.email, partstat: 'DECLINED' }]);
    expect(cancel.location).toBeNull();
  });

  it('reminds people going once per offset, across workers, with a one-click unsubscribe that GET does not trigger', async () => {
    const ev = await t
      .http()
      .post('/api/groups/calgroup/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Reminded',
        startsAt: `${NEXT_YEAR}-12-20T17:00:00Z`,
        endsAt: `${NEXT_YEAR}-12-20T18:00:00Z`,
        timezone: 'Europe/Berlin',
        venueAddress: ADDRESS,
        capacity: 5,
      })
      .expect(201);
    for (const who of [alice, basma])
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', who.cookie)
        .send({ status: 'going' })
        .expect(200);
    const copies = () =>
      t.dataSource.query(
        `SELECT user_id, last_sequence_sent, content_sequence FROM invitations WHERE event_id = $1 ORDER BY user_id`,
        [ev.body.id],
      );
    const beforeReminders = await copies();
    const reminders = t.server.app.get(RemindersService);
    const dayBefore = new Date(`${NEXT_YEAR}-12-19T18:00:00Z`);
    const sent = await Promise.all([
      reminders.runDue(dayBefore),
      reminders.runDue(dayBefore),
      reminders.runDue(dayBefore),
    ]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await reminders.runDue(dayBefore)).toBe(0);
    const reminder = await t.smtp.waitFor(alice.email, (m) =>
      (m.parsed.subject ?? '').startsWith('Reminder: Reminded'),
    );
    expect(reminder.parsed.text).toContain('24 hours');
    // A reminder has no calendar part: the SEQUENCE of each person's calendar copy stays put, so an
    // answer from that copy after the reminder is not taken for a stale one.
    expect(reminder.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(false);
    expect(await copies()).toEqual(beforeReminders);
    const unsubscribe =
      /^List-Unsubscribe: <([^>]+)>/im.exec(reminder.raw.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? '';
    expect(unsubscribe).toMatch(/^https:\/\/hearth\.test\/api\/unsubscribe\//);
    const path = new URL(unsubscribe).pathname;
    const page = await t.http().get(path).expect(200);
    expect(page.text).toContain('<form method="post"');
    await t.http().head(path).expect(200);
    expect(
      await t.dataSource.query(`SELECT * FROM mail_opt_outs WHERE user_id = $1`, [alice.userId]),
    ).toHaveLength(0);
    await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(
      await t.dataSource.query(`SELECT category FROM mail_opt_outs WHERE user_id = $1`, [alice.userId]),
    ).toEqual([{ category: 'reminders' }]);
    await t.http().post('/api/unsubscribe/forged.token').expect(400);

    expect(await reminders.runDue(new Date(`${NEXT_YEAR}-12-20T16:30:00Z`))).toBe(1);
    await t.smtp.waitFor(basma.email, (m) => (m.parsed.subject ?? '').startsWith('تذكير'));
    await new Promise((r) => setTimeout(r, 500));
    expect(
      t.smtp.to(alice.email).filter((m) => (m.parsed.subject ?? '').startsWith('Reminder: Reminded')),
    ).toHaveLength(1);
  });
});
