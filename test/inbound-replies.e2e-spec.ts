import { settleFanout } from './support/fanout';
import { TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';
import {
  SmtpClient,
  createEvent,
  inboundPort,
  inboundRows,
  invitationOf,
  invite,
  reply,
  rsvpOf,
  smtpClient,
} from './support/inbound';

/**
 * Calendar replies that used to be set aside silently: an older SEQUENCE from clients that always
 * write a low one, and RECURRENCE-ID answers naming one of Hearth's occurrences (DESIGN §4).
 */
describe('calendar replies are never silently lost (e2e)', () => {
  let t: TestApp;
  let client: SmtpClient;
  let organizer: Person;
  let members: Person[];
  let topicId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = smtpClient(inboundPort(t));
    ({ organizer, participants: members, topicId } = await groupWithTopic(t, 'replies', { participants: 6 }));
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  /** An event the member is invited to, then moved by its organizer (their copy is now outdated). */
  async function movedEvent(member: Person, fields: Record<string, unknown> = {}) {
    const eventId = await createEvent(t, 'replies', organizer, { capacity: 10, ...fields });
    await invite(t, eventId, [member.userId]);
    const before = await invitationOf(t, eventId, member.userId);
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ startsAt: '2027-02-02T18:00:00Z', endsAt: '2027-02-02T20:00:00Z' })
      .expect(200);
    await settleFanout(t);
    const after = await invitationOf(t, eventId, member.userId);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    return { eventId, inv: after };
  }

  const send = (member: Person, inv: { address: string; uid: string }, o: Parameters<typeof reply>[0]) =>
    client.send(reply(o), inv.address, member.email);

  const staleMails = (userId: string) =>
    t.dataSource.query(
      `SELECT recipient, subject, text_body, html_body FROM outbox_messages
        WHERE user_id = $1 AND purpose = 'rsvp_stale_reply' ORDER BY created_at`,
      [userId],
    );

  describe('an older SEQUENCE', () => {
    it('is applied when DTSTART and DTEND are the event’s now (a client that always writes SEQUENCE:0)', async () => {
      const m = members[0];
      const { eventId, inv } = await movedEvent(m);
      const sent = await send(m, inv, {
        attendee: m.email,
        uid: inv.uid,
        organizer: inv.address,
        sequence: 0,
        // The same instants, one in the event's zone and one in UTC.
        times: ['DTSTART;TZID=Europe/Berlin:20270202T190000', 'DTEND:20270202T200000Z'],
      });
      expect(sent.ok).toBe(true);
      expect(await rsvpOf(t, eventId, m.userId)).toEqual({ status: 'going', source: 'calendar' });
      const [row] = await inboundRows(t, 'event_id = $1', [eventId]);
      expect(row).toMatchObject({ outcome: 'applied', reason: null });
      expect(row.details.detail).toMatch(/older SEQUENCE/);
      expect(await staleMails(m.userId)).toEqual([]);
    });

    it('tells the member, once per version and in their language, when it answers an older version', async () => {
      const m = members[1];
      await t
        .http()
        .patch('/api/me')
        .set('Cookie', m.cookie)
        .send({ locale: 'ar', timezone: 'Asia/Amman' })
        .expect(200);
      const { eventId, inv } = await movedEvent(m);
      const stale = (messageId: string, partstat = 'DECLINED') =>
        send(m, inv, {
          attendee: m.email,
          uid: inv.uid,
          organizer: inv.address,
          sequence: 0,
          partstat,
          messageId,
        });
      expect((await stale('stale-1@client.example')).ok).toBe(true);
      expect(await rsvpOf(t, eventId, m.userId)).toBeNull();
      const [row] = await inboundRows(t, 'event_id = $1', [eventId]);
      expect(row).toMatchObject({ outcome: 'ignored', reason: 'stale_sequence' });
      expect(row.details).toMatchObject({
        detail: 'member told to answer the current version',
        staleNotice: true,
      });

      const mails = await staleMails(m.userId);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.recipient).toBe(m.email);
      expect(mail.subject).toContain('يُرجى الرد مجددًا');
      expect(mail.text_body).toContain('«لن أحضر»');
      expect(mail.html_body).toContain('dir="rtl"');
      for (const answer of ['going', 'maybe', 'declined'])
        expect(mail.text_body).toMatch(new RegExp(`/rsvp/[^?\\s]+\\?answer=${answer}`));
      // The link opens the one-click page of the current version (it changes nothing by itself).
      const link = new URL(linkIn(mail.text_body, /\/rsvp\/[^?]+\?answer=going/));
      await t.http().get(`${link.pathname}${link.search}`).expect(200);
      expect(await rsvpOf(t, eventId, m.userId)).toBeNull();

      // The same message again, and another stale answer to the same version: no second mail.
      await stale('stale-1@client.example');
      await stale('stale-2@client.example', 'ACCEPTED');
      expect(await staleMails(m.userId)).toHaveLength(1);
      const rows = await inboundRows(t, 'event_id = $1', [eventId]);
      expect(rows.map((r) => [r.outcome, r.reason, r.details.staleNotice])).toEqual([
        ['ignored', 'stale_sequence', true],
        ['ignored', 'stale_sequence', false],
      ]);

      // The event moves again: a stale answer to that version is worth one more mail.
      await t
        .http()
        .patch(`/api/events/${eventId}`)
        .set('Cookie', organizer.cookie)
        .send({ startsAt: '2027-02-03T18:00:00Z', endsAt: '2027-02-03T20:00:00Z' })
        .expect(200);
      await settleFanout(t);
      await stale('stale-3@client.example');
      expect(await staleMails(m.userId)).toHaveLength(2);
    });

    it('can be applied by an organizer after a preview of what it changes', async () => {
      const m = members[2];
      const { eventId, inv } = await movedEvent(m, { title: 'Moved meetup' });
      await send(m, inv, { attendee: m.email, uid: inv.uid, organizer: inv.address, sequence: 0 });
      const [row] = await inboundRows(t, 'event_id = $1', [eventId]);
      expect(row).toMatchObject({ outcome: 'ignored', reason: 'stale_sequence' });

      const preview = await t
        .http()
        .get(`/api/inbound/messages/${row.id}/apply-preview`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(preview.body).toEqual({
        messageId: row.id,
        person: { userId: m.userId, displayName: 'Member 2', email: m.email },
        event: { id: eventId, title: 'Moved meetup' },
        answer: 'going',
        from: null,
        to: 'going',
        changed: true,
        refusal: null,
      });
      // The preview wrote nothing: no RSVP, no mail beyond the stale notice.
      expect(await rsvpOf(t, eventId, m.userId)).toBeNull();
      expect(
        await t.dataSource.query(
          `SELECT purpose FROM outbox_messages WHERE user_id = $1 AND purpose = 'event_confirmed'`,
          [m.userId],
        ),
      ).toEqual([]);
      await t
        .http()
        .get(`/api/inbound/messages/${row.id}/apply-preview`)
        .set('Cookie', members[3].cookie)
        .expect(404);

      const applied = await t
        .http()
        .post(`/api/inbound/messages/${row.id}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(applied.body).toMatchObject({
        outcome: 'ignored',
        resolution: { decision: 'applied', by: organizer.userId },
        rsvp: { status: 'going', previous: null, changed: true },
      });
      expect(await rsvpOf(t, eventId, m.userId)).toEqual({ status: 'going', source: 'calendar' });
      const [history] = await t.dataSource.query(
        `SELECT source, actor_id FROM rsvp_history WHERE event_id = $1 AND user_id = $2`,
        [eventId, m.userId],
      );
      expect(history).toEqual({ source: 'calendar', actor_id: organizer.userId });
      const twice = await t
        .http()
        .post(`/api/inbound/messages/${row.id}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(409);
      expect(twice.body.code).toBe('INBOUND_ALREADY_RESOLVED');
      const again = await t
        .http()
        .get(`/api/inbound/messages/${row.id}/apply-preview`)
        .set('Cookie', organizer.cookie)
        .expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'INBOUND_ALREADY_RESOLVED' });
      // An ignored reply is applied or left; only quarantine is dismissed.
      await send(m, inv, { attendee: m.email, uid: inv.uid, organizer: inv.address, sequence: 0 });
      const [, second] = await inboundRows(t, 'event_id = $1', [eventId]);
      const dismiss = await t
        .http()
        .post(`/api/inbound/messages/${second.id}/dismiss`)
        .set('Cookie', organizer.cookie)
        .expect(409);
      expect(dismiss.body.code).toBe('INBOUND_NOT_QUARANTINED');
    });

    it('previews a refusal of the RSVP service instead of applying blindly', async () => {
      const m = members[3];
      const { eventId, inv } = await movedEvent(m, { capacity: 1, waitlistEnabled: false });
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', organizer.cookie)
        .send({ status: 'going' })
        .expect(200);
      await send(m, inv, { attendee: m.email, uid: inv.uid, organizer: inv.address, sequence: 0 });
      const [row] = await inboundRows(t, 'event_id = $1 AND user_id = $2', [eventId, m.userId]);
      const preview = await t
        .http()
        .get(`/api/inbound/messages/${row.id}/apply-preview`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(preview.body).toMatchObject({ from: null, to: null, refusal: { code: 'EVENT_FULL' } });
    });
  });

  describe('an organizer answering on someone’s behalf', () => {
    it('sets the answer through the RSVP service with source organizer, in the history', async () => {
      const m = members[4];
      const eventId = await createEvent(t, 'replies', organizer, { capacity: 1, waitlistEnabled: true });
      await invite(t, eventId, [m.userId, members[5].userId]);
      const put = (who: Person, userId: string, body: Record<string, unknown>) =>
        t.http().put(`/api/events/${eventId}/rsvps/${userId}`).set('Cookie', who.cookie).send(body);

      const res = await put(organizer, m.userId, { status: 'going' }).expect(200);
      expect(res.body).toEqual({ status: 'going', previous: null, changed: true, source: 'organizer' });
      expect(await rsvpOf(t, eventId, m.userId)).toEqual({ status: 'going', source: 'organizer' });
      // Capacity still holds: the next person goes to the waitlist.
      const next = await put(organizer, members[5].userId, { status: 'going' }).expect(200);
      expect(next.body).toMatchObject({ status: 'waitlisted', source: 'organizer' });
      await put(organizer, m.userId, { status: 'declined' }).expect(200);
      const history = await t.dataSource.query(
        `SELECT user_id, from_status, to_status, source, actor_id, note FROM rsvp_history
          WHERE event_id = $1 ORDER BY id`,
        [eventId],
      );
      expect(history).toEqual([
        expect.objectContaining({
          user_id: m.userId,
          from_status: null,
          to_status: 'going',
          source: 'organizer',
          actor_id: organizer.userId,
          note: 'set by an organizer on their behalf',
        }),
        expect.objectContaining({
          user_id: members[5].userId,
          to_status: 'waitlisted',
          source: 'organizer',
          actor_id: organizer.userId,
        }),
        expect.objectContaining({
          user_id: m.userId,
          from_status: 'going',
          to_status: 'declined',
          source: 'organizer',
          actor_id: organizer.userId,
        }),
        // The freed seat went to the waitlist in the same transaction.
        expect.objectContaining({
          user_id: members[5].userId,
          from_status: 'waitlisted',
          to_status: 'going',
        }),
      ]);

      const stranger = await person(t, 'stranger@replies.test');
      const notInvited = await put(organizer, stranger.userId, { status: 'going' }).expect(404);
      expect(notInvited.body).toMatchObject({ statusCode: 404, code: 'RSVP_NOT_FOUND' });
      await put(members[5], m.userId, { status: 'going' }).expect(404);
      await put(organizer, m.userId, { status: 'attending' }).expect(400);
      await put(organizer, m.userId, { status: 'going', source: 'web' }).expect(400);
      await put(organizer, 'not-a-uuid', { status: 'going' }).expect(400);
      expect(await rsvpOf(t, eventId, m.userId)).toEqual({ status: 'declined', source: 'organizer' });
    });
  });

  describe('RECURRENCE-ID', () => {
    let first: string;
    let second: string;
    let outsider: Person;

    beforeAll(async () => {
      const res = await t
        .http()
        .post(`/api/topics/${topicId}/series`)
        .set('Cookie', organizer.cookie)
        .send({
          title: 'Weekly circle',
          events: ['2027-03-01', '2027-03-08'].map((day) => ({
            kind: 'online_discussion',
            title: `Circle ${day}`,
            startsAt: `${day}T18:00:00Z`,
            endsAt: `${day}T19:30:00Z`,
            timezone: 'Europe/Berlin',
            joinUrl: 'https://meet.example/circle',
          })),
        })
        .expect(201);
      [first, second] = res.body.events.map((e: { id: string }) => e.id);
      // Someone invited to the first occurrence only.
      outsider = await person(t, 'first-only@replies.test', 'First only');
      await t.http().post('/api/groups/replies/join').set('Cookie', outsider.cookie).expect(200);
      await invite(t, first, [outsider.userId]);
    });

    it('answers the event itself when it is the event’s start', async () => {
      const m = members[0];
      const inv = await invitationOf(t, first, m.userId);
      await send(m, inv, {
        attendee: m.email,
        uid: inv.uid,
        organizer: inv.address,
        sequence: inv.sequence,
        partstat: 'TENTATIVE',
        eventLines: ['RECURRENCE-ID;TZID=Europe/Berlin:20270301T190000'],
      });
      expect(await rsvpOf(t, first, m.userId)).toEqual({ status: 'maybe', source: 'calendar' });
      expect(await rsvpOf(t, second, m.userId)).toBeNull();
    });

    it('answers another occurrence of the series the person is invited to', async () => {
      const m = members[1];
      const inv = await invitationOf(t, first, m.userId);
      await send(m, inv, {
        attendee: m.email,
        uid: inv.uid,
        organizer: inv.address,
        sequence: inv.sequence,
        partstat: 'DECLINED',
        eventLines: ['RECURRENCE-ID:20270308T180000Z'],
        times: ['DTSTART:20270308T180000Z', 'DTEND:20270308T193000Z'],
      });
      expect(await rsvpOf(t, second, m.userId)).toEqual({ status: 'declined', source: 'calendar' });
      expect(await rsvpOf(t, first, m.userId)).toBeNull();
      const siblingInvitation = await invitationOf(t, second, m.userId);
      const [row] = await inboundRows(t, 'user_id = $1 AND event_id = $2', [m.userId, second]);
      expect(row).toMatchObject({ outcome: 'applied', reason: null });
      expect(row.details.intent).toMatchObject({ recurrenceId: '20270308T180000Z' });
      expect((await inboundRows(t, 'invitation_id = $1', [siblingInvitation.id])).length).toBe(1);
    });

    it('quarantines an occurrence the person is not invited to, and one that does not exist', async () => {
      const inv = await invitationOf(t, first, outsider.userId);
      const answer = (recurrenceId: string, messageId: string) =>
        send(outsider, inv, {
          attendee: outsider.email,
          uid: inv.uid,
          organizer: inv.address,
          sequence: inv.sequence,
          eventLines: [`RECURRENCE-ID:${recurrenceId}`],
          messageId,
        });
      await answer('20270308T180000Z', 'rid-not-invited@client.example');
      await answer('20270315T180000Z', 'rid-unknown@client.example');
      expect(await rsvpOf(t, first, outsider.userId)).toBeNull();
      expect(await rsvpOf(t, second, outsider.userId)).toBeNull();
      const rows = await inboundRows(t, 'user_id = $1', [outsider.userId]);
      expect(rows.map((r) => [r.message_id, r.outcome, r.reason, r.event_id])).toEqual([
        ['rid-not-invited@client.example', 'quarantined', 'recurrence_not_invited', first],
        ['rid-unknown@client.example', 'quarantined', 'recurrence_unknown', first],
      ]);
      expect(rows[0].details.occurrenceEventId).toBe(second);

      // The organizer sees which occurrence it answers before applying it.
      const preview = await t
        .http()
        .get(`/api/inbound/messages/${rows[0].id}/apply-preview`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(preview.body).toMatchObject({
        event: { id: second, title: 'Circle 2027-03-08' },
        person: { userId: outsider.userId },
        from: null,
        to: 'going',
      });
      await t
        .http()
        .post(`/api/inbound/messages/${rows[0].id}/apply`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(await rsvpOf(t, second, outsider.userId)).toEqual({ status: 'going', source: 'calendar' });
      expect(await rsvpOf(t, first, outsider.userId)).toBeNull();
    });
  });
});
