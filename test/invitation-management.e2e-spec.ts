import { EntityManager } from 'typeorm';
import { InvitationsService } from '@app/events';
import { EventEntity } from '../libs/events/src/events/event.entity';
import { settleFanout } from './support/fanout';
import { TestApp, linkIn, startTestApp } from './support/app';
import { ReceivedMail } from './support/smtp';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';

const SLUG = 'inv-mgmt';
const isInvitation = (m: ReceivedMail) => (m.parsed.subject ?? '').startsWith("You're invited: Supper club");
const isCancel = (m: ReceivedMail) =>
  m.parsed.attachments.some(
    (a) => a.contentType === 'text/calendar' && a.content.toString('utf8').includes('METHOD:CANCEL'),
  );

/** Issue 12.3: an event's invitations (states, resend, revoke) and a group's membership invitations. */
describe('invitation management (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let members: Person[];
  let eventId: string;
  const state: Record<string, string> = {};

  const list = async (query = '') =>
    (
      await t
        .http()
        .get(`/api/events/${eventId}/invitations${query}`)
        .set('Cookie', organizer.cookie)
        .expect(200)
    ).body;
  const settled = () =>
    waitUntil(async () => {
      await settleFanout(t);
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending', 'retrying')`,
      );
      return row.n === 0;
    });
  const invitations = (p: Person) => t.smtp.to(p.email).filter(isInvitation);

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, SLUG, { participants: 5 });
    organizer = setup.organizer;
    members = setup.participants;
    // members[2]'s mailbox is gone (bounced); members[3] opted out of announcements.
    t.smtp.behaviour = (stage, { to }) => (stage === 'rcpt' && to === members[2].email ? 550 : undefined);
    await t.dataSource.query(`INSERT INTO mail_opt_outs (user_id, category) VALUES ($1, 'announcements')`, [
      members[3].userId,
    ]);
    const start = inDays(5);
    const series = await t
      .http()
      .post(`/api/topics/${setup.topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({
        title: 'Supper',
        events: [
          {
            kind: 'in_person',
            title: 'Supper club',
            startsAt: start,
            endsAt: hoursAfter(start, 2),
            timezone: 'Europe/Berlin',
            venueAddress: 'Kitchen 1',
            capacity: 1,
            waitlistEnabled: true,
          },
        ],
      })
      .expect(201);
    eventId = series.body.events[0].id;
    for (const i of [0, 1, 4]) await t.smtp.waitFor(members[i].email, isInvitation);
    for (const [i, status] of [
      [0, 'going'],
      [1, 'waitlisted'],
    ] as const) {
      const res = await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', members[i].cookie)
        .send({ status: 'going', cocAcknowledged: true })
        .expect(200);
      expect(res.body.status).toBe(status);
    }
    await settled();
  });
  afterAll(() => t.close());

  it('lists every invitation with its state, inviter and counts; filters by state; pages by keyset', async () => {
    const body = await waitUntil(async () => {
      const b = await list();
      return b.counts.bounced === 1 ? b : null;
    });
    // The organizer wrote the topic, so they are invited too.
    expect(body.counts).toEqual({ invited: 2, answered: 2, bounced: 1, revoked: 0, opted_out: 1 });
    for (const item of body.items) state[item.userId] = item.state;
    expect(members.map((m) => state[m.userId])).toEqual([
      'answered',
      'answered',
      'bounced',
      'opted_out',
      'invited',
    ]);
    const first = body.items.find((i: { userId: string }) => i.userId === members[0].userId);
    expect(first).toMatchObject({
      displayName: 'Member 0',
      rsvpStatus: 'going',
      invitedBy: { userId: organizer.userId, displayName: 'Organizer' },
      revokedAt: null,
    });
    expect(first.lastSentAt).not.toBeNull();
    const bounced = await list('?state=bounced');
    expect(bounced.items.map((i: { userId: string }) => i.userId)).toEqual([members[2].userId]);
    const page1 = await list('?limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await list(`?limit=2&cursor=${page1.nextCursor}`);
    const page3 = await list(`?limit=2&cursor=${page2.nextCursor}`);
    expect(page3.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items, ...page3.items].map((i: { userId: string }) => i.userId);
    expect(ids).toEqual(body.items.map((i: { userId: string }) => i.userId));
  });

  it('is for organizers only', async () => {
    const http = t.http();
    await http.get(`/api/events/${eventId}/invitations`).expect(401);
    await http.get(`/api/events/${eventId}/invitations`).set('Cookie', members[0].cookie).expect(403);
    await http.post(`/api/events/${eventId}/invitations/resend`).set('Cookie', members[0].cookie).expect(403);
    await http
      .delete(`/api/events/${eventId}/invitations/${members[4].userId}`)
      .set('Cookie', members[0].cookie)
      .expect(403);
    const missing = '00000000-0000-4000-8000-000000000000';
    await http.get(`/api/events/${missing}/invitations`).set('Cookie', organizer.cookie).expect(404);
    await http
      .post(`/api/events/${eventId}/invitations/${missing}/resend`)
      .set('Cookie', organizer.cookie)
      .expect(404);
    await http
      .get(`/api/events/${eventId}/invitations?state=nope`)
      .set('Cookie', organizer.cookie)
      .expect(400);
  });

  it('resends to everyone unanswered (not the people who answered, nor those opted out), and one person', async () => {
    const before = members.map((m) => invitations(m).length);
    const all = await t
      .http()
      .post(`/api/events/${eventId}/invitations/resend`)
      .set('Cookie', organizer.cookie)
      .expect(202);
    expect(all.body).toEqual({ resent: 3 }); // the organizer, members 2 and 4
    await waitUntil(() => Promise.resolve(invitations(members[4]).length === before[4] + 1));
    await settled();
    expect(members.map((m) => invitations(m).length)).toEqual([
      before[0],
      before[1],
      before[2],
      before[3],
      before[4] + 1,
    ]);

    const one = await t
      .http()
      .post(`/api/events/${eventId}/invitations/${members[4].userId}/resend`)
      .set('Cookie', organizer.cookie)
      .expect(202);
    expect(one.body).toEqual({ resent: 1 });
    await waitUntil(() => Promise.resolve(invitations(members[4]).length === before[4] + 2));
    // Rate-limited per person: three a day.
    for (let i = 0; i < 2; i++)
      await t
        .http()
        .post(`/api/events/${eventId}/invitations/${members[4].userId}/resend`)
        .set('Cookie', organizer.cookie)
        .expect(202);
    const limited = await t
      .http()
      .post(`/api/events/${eventId}/invitations/${members[4].userId}/resend`)
      .set('Cookie', organizer.cookie)
      .expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it('revokes: a CANCEL for their copy, their seat to the waitlist, and no re-invitation by a later audience', async () => {
    const res = await t
      .http()
      .delete(`/api/events/${eventId}/invitations/${members[0].userId}`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(res.body).toEqual({ changed: true, cancelSent: true, rsvpWithdrawn: true });
    await t.smtp.waitFor(members[0].email, isCancel);
    const rsvps = await t.dataSource.query(
      `SELECT user_id, status FROM rsvps WHERE event_id = $1 ORDER BY status`,
      [eventId],
    );
    expect(rsvps).toEqual(
      expect.arrayContaining([
        { user_id: members[0].userId, status: 'declined' },
        { user_id: members[1].userId, status: 'going' },
      ]),
    );
    const again = await t
      .http()
      .delete(`/api/events/${eventId}/invitations/${members[0].userId}`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(again.body.changed).toBe(false);
    expect((await list('?state=revoked')).items.map((i: { userId: string }) => i.userId)).toEqual([
      members[0].userId,
    ]);

    // A later "all members" invitation goes through the same idempotent insert: the revoked row stays.
    await settled();
    const mailsBefore = t.smtp.to(members[0].email).length;
    const service = t.server.app.get(InvitationsService);
    const quiet = await person(t, `quiet@${SLUG}.test`, 'Quiet');
    await t.http().post(`/api/groups/${SLUG}/join`).set('Cookie', quiet.cookie).expect(200);
    const everyone = [organizer, quiet, ...members].map((m) => m.userId);
    const job = await t.dataSource.transaction(async (tx: EntityManager) => {
      const event = await tx.findOneByOrFail(EventEntity, { id: eventId });
      return service.invite(tx, event, { userIds: everyone }, organizer.userId);
    });
    await settleFanout(t);
    const [done] = await t.dataSource.query(`SELECT rendered FROM fanout_jobs WHERE id = $1`, [job?.id]);
    expect(done.rendered).toBe(1); // only the quiet member was not invited yet
    await t.smtp.waitFor(quiet.email, isInvitation);
    await settled();
    expect(t.smtp.to(members[0].email)).toHaveLength(mailsBefore);
    expect((await list()).counts.revoked).toBe(1);

    // Re-inviting explicitly: resending that one invitation reinstates it.
    await t
      .http()
      .post(`/api/events/${eventId}/invitations/${members[0].userId}/resend`)
      .set('Cookie', organizer.cookie)
      .expect(202);
    expect((await list()).counts.revoked).toBe(0);
    await waitUntil(() => Promise.resolve(t.smtp.to(members[0].email).slice(mailsBefore).some(isInvitation)));
  });
});

describe('group membership invitations (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let member: Person;

  const invite = async (email: string): Promise<{ id: string; path: string }> => {
    const res = await t
      .http()
      .post(`/api/groups/${SLUG}/members`)
      .set('Cookie', organizer.cookie)
      .send({ email })
      .expect(202);
    const mail = await t.smtp.waitFor(email);
    return { id: res.body.id, path: new URL(linkIn(mail.parsed.text, /\/invites\//)).pathname };
  };
  const usersWith = async (email: string) =>
    (await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email])).length;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, SLUG, { participants: 1, visibility: 'private' });
    organizer = setup.organizer;
    member = setup.participants[0];
  });
  afterAll(() => t.close());

  it('accepts in one click for a new address: account created, signed in, member, invitation used', async () => {
    const { id, path } = await invite('newcomer@example.org');
    const pending = await t
      .http()
      .get(`/api/groups/${SLUG}/invites`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(pending.body).toEqual([
      expect.objectContaining({
        id,
        email: 'newcomer@example.org',
        role: 'member',
        invitedBy: { userId: organizer.userId, displayName: 'Organizer' },
        expired: false,
      }),
    ]);
    const page = await t.http().get(path).expect(200);
    expect(page.text).toContain(
      `<bdi>Organizer</bdi> invited you to join <bdi>Group ${SLUG}</bdi> on Hearth.`,
    );
    expect(page.text).toContain('Be kind.');
    expect(page.text).toContain(`<form method="post" action="${path}">`);
    expect(await usersWith('newcomer@example.org')).toBe(0); // GET changes nothing

    // Joined, signed in, and on to the first sign-in step, then the group's page.
    const accepted = await t.http().post(path).type('form').send({}).expect(303);
    expect(accepted.headers.location).toBe(`/welcome?next=${encodeURIComponent(`/groups/${SLUG}`)}`);
    const cookie = String(accepted.headers['set-cookie'] ?? '').split(';')[0];
    expect(cookie).toMatch(/=/);
    const me = await t.http().get('/api/me').set('Cookie', cookie).expect(200);
    expect(me.body.email).toBe('newcomer@example.org');
    const group = await t.http().get(`/api/groups/${SLUG}`).set('Cookie', cookie).expect(200);
    expect(group.body.membership).toMatchObject({ status: 'active', role: 'member' });
    const [used] = await t.dataSource.query(`SELECT accepted_by FROM group_invites WHERE id = $1`, [id]);
    expect(used.accepted_by).toBe(me.body.id);
    expect((await t.http().get(`/api/groups/${SLUG}/invites`).set('Cookie', organizer.cookie)).body).toEqual(
      [],
    );

    const reused = await t.http().post(path).type('form').send({});
    expect(reused.status).toBe(404);
    expect(reused.text).toContain('already been used');
  });

  it('never signs in an existing account by the link (an instance owner, an owner of another group): it asks to sign in, and accepting signed in completes it', async () => {
    const boss = await person(t, 'boss@example.org', 'Boss');
    await t.dataSource.query(`UPDATE users SET instance_role = 'owner' WHERE id = $1`, [boss.userId]);
    const other = await person(t, 'other-owner@example.org', 'Other');
    await t
      .http()
      .post('/api/groups')
      .set('Cookie', other.cookie)
      .send({ slug: 'elsewhere', name: 'Elsewhere', timezone: 'UTC', visibility: 'public' })
      .expect(201);
    const sessionsOf = async (userId: string) =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [userId]))[0].n;
    const memberOf = async (userId: string) =>
      (
        await t.dataSource.query(
          `SELECT m.id FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.slug = $1 AND m.user_id = $2`,
          [SLUG, userId],
        )
      ).length;

    for (const account of [boss, other]) {
      const { id, path } = await invite(account.email);
      const before = await sessionsOf(account.userId);
      const asked = await t.http().post(path).type('form').send({}).expect(200);
      expect(String(asked.headers['set-cookie'] ?? '')).not.toContain('hearth_session');
      expect(asked.text).toContain('already has a Hearth account. Sign in to accept');
      expect(asked.text).toContain('<form method="post" action="/sign-in">');
      expect(asked.text).toContain(`name="email" value="${account.email}"`);
      expect(asked.text).toContain(`name="next" value="${path}"`);
      expect(asked.text).not.toContain('You joined');
      expect(await sessionsOf(account.userId)).toBe(before);
      expect(await memberOf(account.userId)).toBe(0);
      const [pending] = await t.dataSource.query(`SELECT accepted_at FROM group_invites WHERE id = $1`, [id]);
      expect(pending.accepted_at).toBeNull();
    }

    // The button: a sign-in link mailed to the invited address, returning to the invitation page.
    const { path } = await invite(boss.email);
    const browser = t.http(); // one cookie jar: the return cookie comes back with the link's form
    const sent = await browser
      .post('/sign-in')
      .type('form')
      .send({ email: boss.email, next: path, lang: 'en' })
      .expect(200);
    expect(sent.text).toContain('Check your inbox');
    expect(String(sent.headers['set-cookie'] ?? '')).toContain(
      `hearth_return_to=${encodeURIComponent(path)}`,
    );
    const mail = await t.smtp.waitFor(boss.email, (m) => /\/auth\/magic\?token=/.test(m.parsed.text ?? ''));
    const token = new URL(linkIn(mail.parsed.text, /\/auth\/magic\?token=/)).searchParams.get('token');
    const signedIn = await browser.post('/auth/magic').type('form').send({ token }).expect(303);
    expect(signedIn.headers.location).toBe(`/welcome?next=${encodeURIComponent(path)}`);
    const cookie = String(
      (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hearth_session=')),
    ).split(';')[0];
    expect(cookie).toMatch(/^hearth_session=./);
    const accepted = await t.http().post(path).set('Cookie', cookie).type('form').send({}).expect(200);
    expect(accepted.text).toContain(`You joined <bdi>Group ${SLUG}</bdi>.`);
    expect(await memberOf(boss.userId)).toBe(1);
  });

  it('refuses an expired link, a revoked one, and another signed-in account (offering to sign out)', async () => {
    const expired = await invite('late@example.org');
    await t.dataSource.query(
      `UPDATE group_invites SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.id],
    );
    const late = await t.http().post(expired.path).type('form').send({});
    expect(late.status).toBe(404);
    expect(late.text).toContain('has expired');
    expect(await usersWith('late@example.org')).toBe(0);

    const revoked = await invite('withdrawn@example.org');
    await t
      .http()
      .delete(`/api/groups/${SLUG}/invites/${revoked.id}`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    const gone = await t.http().post(revoked.path).type('form').send({});
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('withdrawn');
    expect(await usersWith('withdrawn@example.org')).toBe(0);

    const other = await invite('someone@example.org');
    const wrong = await t.http().post(other.path).set('Cookie', member.cookie).type('form').send({});
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('the invitation was sent to another address');
    expect(wrong.text).toContain('action="/sign-out"');
    const [row] = await t.dataSource.query(`SELECT accepted_at FROM group_invites WHERE id = $1`, [other.id]);
    expect(row.accepted_at).toBeNull();
  });

  it('resends with a new link (the old one dies) and lists, resends and revokes for organizers only', async () => {
    const first = await invite('twice@example.org');
    await t
      .http()
      .post(`/api/groups/${SLUG}/invites/${first.id}/resend`)
      .set('Cookie', organizer.cookie)
      .expect(202);
    await waitUntil(() => Promise.resolve(t.smtp.to('twice@example.org').length === 2));
    const second = new URL(linkIn(t.smtp.to('twice@example.org')[1].parsed.text, /\/invites\//)).pathname;
    expect(second).not.toBe(first.path);
    expect((await t.http().post(first.path).type('form').send({})).status).toBe(404);
    await t.http().post(second).type('form').send({}).expect(303); // a new account: on to /welcome

    await t.http().get(`/api/groups/${SLUG}/invites`).set('Cookie', member.cookie).expect(403);
    await t
      .http()
      .post(`/api/groups/${SLUG}/invites/${first.id}/resend`)
      .set('Cookie', member.cookie)
      .expect(403);
    await t.http().delete(`/api/groups/${SLUG}/invites/${first.id}`).set('Cookie', member.cookie).expect(403);
  });

  it('rate-limits accepting per client address', async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++)
      status = (await t.http().post(`/invites/no-such-token-${i}`).type('form').send({})).status;
    expect(status).toBe(429);
    const { path } = await invite('limited@example.org');
    const limited = await t.http().post(path).type('form').send({});
    expect(limited.status).toBe(429);
    expect(String(limited.headers['set-cookie'] ?? '')).not.toContain('hearth_session');
    expect(await usersWith('limited@example.org')).toBe(0);
  });
});
