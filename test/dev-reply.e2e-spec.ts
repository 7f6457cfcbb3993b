import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';

interface MailboxRow {
  id: string;
  to: string;
  subject: string;
  kind: string | null;
  eventId: string | null;
}

describe('dev mailbox "reply as this attendee" (e2e)', () => {
  let t: TestApp;
  let owner: Person;
  let member: Person;
  let eventId: string;

  const mailbox = async (to: string): Promise<MailboxRow[]> =>
    (
      await t
        .http()
        .get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`)
        .set('Cookie', owner.cookie)
        .expect(200)
    ).body as MailboxRow[];

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: '' });
    owner = await person(t, 'owner@hearth.test', 'Owner');
    const setup = await groupWithTopic(t, 'reply-loop', { participants: 1 });
    member = setup.participants[0];
    const start = inDays(4);
    const series = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', setup.organizer.cookie)
      .send({
        title: 'Loop',
        events: [
          {
            kind: 'in_person',
            title: 'Loop meetup',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/Berlin',
            venueAddress: 'Somewhere 1',
          },
        ],
      })
      .expect(201);
    eventId = series.body.events[0].id;
  });
  afterAll(() => t.close());

  it('sends a genuine REPLY for the invitation through the inbound pipeline, which applies it as a calendar answer', async () => {
    const invite = await waitUntil(async () =>
      (await mailbox(member.email)).find((m) => m.subject.includes('Loop meetup')),
    );
    const res = await t
      .http()
      .post(`/api/dev/mailbox/${invite.id}/reply`)
      .set('Cookie', owner.cookie)
      .send({ partstat: 'DECLINED' })
      .expect(200);
    expect(res.body).toMatchObject({
      outcome: 'applied',
      reason: null,
      rsvpStatus: 'declined',
      from: member.email,
    });
    expect(res.body.to).toMatch(/^rsvp\+[0-9a-f]+@/);
    const [rsvp] = await t.dataSource.query(
      `SELECT status, source FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, member.userId],
    );
    expect(rsvp).toEqual({ status: 'declined', source: 'calendar' });
    const [logged] = await t.dataSource.query(
      `SELECT outcome, partstat, channel, from_address FROM inbound_messages WHERE user_id = $1`,
      [member.userId],
    );
    expect(logged).toEqual({
      outcome: 'applied',
      partstat: 'DECLINED',
      channel: 'smtp',
      from_address: member.email,
    });

    const accepted = await t
      .http()
      .post(`/api/dev/mailbox/${invite.id}/reply`)
      .set('Cookie', owner.cookie)
      .send({ partstat: 'ACCEPTED' })
      .expect(200);
    expect(accepted.body.rsvpStatus).toBe('going');
  });

  it('lists each message with its kind, its event and its recipient', async () => {
    const invite = await waitUntil(async () =>
      (await mailbox(member.email)).find((m) => m.kind === 'event_invitation'),
    );
    expect(invite).toMatchObject({ to: member.email, kind: 'event_invitation', eventId });
    await t.http().post('/api/auth/magic-link').send({ email: member.email }).expect(202);
    const signIn = await waitUntil(async () =>
      (await mailbox(member.email)).find((m) => m.kind === 'magic_link'),
    );
    expect(signIn).toMatchObject({ to: member.email, kind: 'magic_link', eventId: null });
  });

  it('refuses messages that are not invitations, callers who are not the instance owner, and unknown answers', async () => {
    await t.http().post('/api/auth/magic-link').send({ email: member.email }).expect(202);
    const signIn = await waitUntil(async () =>
      (await mailbox(member.email)).find((m) => m.subject.includes('sign-in link')),
    );
    const notInvite = await t
      .http()
      .post(`/api/dev/mailbox/${signIn.id}/reply`)
      .set('Cookie', owner.cookie)
      .send({ partstat: 'ACCEPTED' })
      .expect(400);
    expect(notInvite.body.message).toContain('no calendar invitation');
    const invite = (await mailbox(member.email)).find((m) => m.subject.includes('Loop meetup'));
    await t
      .http()
      .post(`/api/dev/mailbox/${invite?.id}/reply`)
      .set('Cookie', member.cookie)
      .send({ partstat: 'ACCEPTED' })
      .expect(403);
    await t
      .http()
      .post(`/api/dev/mailbox/${invite?.id}/reply`)
      .set('Cookie', owner.cookie)
      .send({ partstat: 'DELEGATED' })
      .expect(400);
  });

  it('does not exist when mail goes out through an SMTP relay', async () => {
    const relayed = await startTestApp();
    try {
      const me = await relayed.sessionFor('owner@hearth.test');
      await relayed
        .http()
        .post('/api/dev/mailbox/00000000-0000-4000-8000-000000000000/reply')
        .set('Cookie', me.cookie)
        .send({ partstat: 'ACCEPTED' })
        .expect(404);
    } finally {
      await relayed.close();
    }
  });
});
