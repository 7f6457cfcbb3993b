import { OutboxService } from '@app/mail';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic } from './support/fixtures';
import { createEvent } from './support/inbound';

/** DESIGN §5: a member can export their data and delete their account, outbox and inbound included. */
describe('account export and deletion (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let leaving: Person;
  let waiting: Person;
  let topicId: string;
  let eventId: string;
  let hybridId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({
      organizer,
      topicId,
      participants: [leaving, waiting],
    } = await groupWithTopic(t, 'erasure', {
      participants: 2,
    }));
    eventId = await createEvent(t, 'erasure', organizer, { capacity: 1, waitlistEnabled: true });
    hybridId = await createEvent(t, 'erasure', organizer, {
      kind: 'hybrid',
      capacity: 10,
      onlineCapacity: 1,
      waitlistEnabled: true,
      joinUrl: 'https://meet.example.org/erasure',
    });
    for (const who of [leaving, waiting]) {
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', who.cookie)
        .send({ status: 'going' })
        .expect(200);
      await t
        .http()
        .post(`/api/events/${hybridId}/rsvps`)
        .set('Cookie', who.cookie)
        .send({ status: 'going', mode: 'online' })
        .expect(200);
    }
    await t.http().post(`/api/topics/${topicId}/follow`).set('Cookie', leaving.cookie).expect(204);
    await t
      .http()
      .post('/api/groups/erasure/topics')
      .set('Cookie', leaving.cookie)
      .send({ title: 'A topic the group keeps', body: 'Started by someone who leaves' })
      .expect(201);
    // Kept by address only: a sign-in link (and the mail carrying it).
    await t.http().post('/api/auth/magic-link').send({ email: leaving.email }).expect(202);
  });
  afterAll(() => t.close());

  it('exports everything kept about the caller, without secrets, as a download', async () => {
    await t.http().get('/api/me/export').expect(401);
    const res = await t.http().get('/api/me/export').set('Cookie', leaving.cookie).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="hearth-account-export.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = res.body;
    expect(doc.format).toBe('hearth-account-export/1');
    expect(doc.profile).toMatchObject({ id: leaving.userId, email: leaving.email });
    expect(doc.memberships).toEqual([
      expect.objectContaining({ group_slug: 'erasure', role: 'member', status: 'active' }),
    ]);
    expect(doc.posts.map((p: { body: string }) => p.body)).toEqual(["I'm in (0)"]);
    expect(doc.topics.map((x: { title: string }) => x.title)).toEqual(['A topic the group keeps']);
    // Replying and starting a topic both follow it.
    expect(doc.followedTopics).toHaveLength(2);
    expect(doc.followedTopics).toEqual(
      expect.arrayContaining([expect.objectContaining({ topic_id: topicId })]),
    );
    expect(doc.rsvps).toHaveLength(2);
    expect(doc.rsvps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event_id: eventId,
          status: 'going',
          history: [expect.objectContaining({ from_status: null, to_status: 'going', source: 'web' })],
        }),
      ]),
    );
    expect(doc.sessions.length).toBeGreaterThan(0);
    expect(doc.mailSentToYou.some((m: { purpose: string }) => m.purpose === 'event_confirmed')).toBe(true);
    // Links in exported mail are removed: sign-in, one-click RSVP and unsubscribe links still work.
    for (const m of doc.mailSentToYou as Array<{ text: string }>) expect(m.text).not.toMatch(/https?:\/\//);
    expect(doc.mailSentToYou.some((m: { text: string }) => m.text.includes('[link removed]'))).toBe(true);
    const text = JSON.stringify(doc);
    for (const secret of ['password_hash', 'token_hash', '"raw"', waiting.userId, waiting.email])
      expect(text).not.toContain(secret);
  });

  it('refuses to delete without the typed address, and for the owners the instance and groups need', async () => {
    const wrong = await t
      .http()
      .delete('/api/me')
      .set('Cookie', leaving.cookie)
      .send({ confirm: 'someone@else.example' })
      .expect(422);
    expect(wrong.body.code).toBe('ACCOUNT_CONFIRMATION_MISMATCH');
    await t.http().delete('/api/me').set('Cookie', leaving.cookie).send({}).expect(400);
    await t.http().delete('/api/me').send({ confirm: leaving.email }).expect(401);

    const soleOwner = await t
      .http()
      .delete('/api/me')
      .set('Cookie', organizer.cookie)
      .send({ confirm: organizer.email })
      .expect(409);
    expect(soleOwner.body).toMatchObject({
      code: 'ACCOUNT_SOLE_GROUP_OWNER',
      details: { groups: ['erasure'] },
    });

    const owner = await t.sessionFor('owner@hearth.test');
    const instanceOwner = await t
      .http()
      .delete('/api/me')
      .set('Cookie', owner.cookie)
      .send({ confirm: 'owner@hearth.test' })
      .expect(409);
    expect(instanceOwner.body.code).toBe('ACCOUNT_IS_INSTANCE_OWNER');
    await t.http().get('/api/me').set('Cookie', leaving.cookie).expect(200);
  });

  it('deletes the account and its data, gives the seat to the next in line and keeps the topic', async () => {
    const [before] = await t.dataSource.query(
      `SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`,
      [eventId, waiting.userId],
    );
    expect(before.status).toBe('waitlisted');

    // Mail to someone else that names them (as an organizer's proposal notice does) goes too.
    await t.dataSource.transaction((tx) =>
      t.server.app.get(OutboxService).enqueue(tx, {
        purpose: 'rsvp_proposal',
        to: organizer.email,
        userId: organizer.userId,
        aboutUserId: leaving.userId,
        subject: 'Member 0 proposed another time',
        text: 'Member 0 proposed another time',
      }),
    );
    const res = await t
      .http()
      .delete('/api/me')
      .set('Cookie', leaving.cookie)
      .send({ confirm: leaving.email.toUpperCase() })
      .expect(204);
    expect(String(res.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    await t.http().get('/api/me').set('Cookie', leaving.cookie).expect(401);

    // The seat went to the person waiting, in the same transaction, and they were told.
    const after = await t.dataSource.query(
      `SELECT event_id, status, mode FROM rsvps WHERE user_id = $1 ORDER BY event_id = $2 DESC`,
      [waiting.userId, eventId],
    );
    // Both seats moved on, the online one of the hybrid event too (an answer without a mode would not).
    expect(after).toEqual([
      { event_id: eventId, status: 'going', mode: 'in_person' },
      { event_id: hybridId, status: 'going', mode: 'online' },
    ]);
    const notices = await t.dataSource.query(
      `SELECT purpose FROM outbox_messages WHERE user_id = $1 AND purpose LIKE 'event_%' ORDER BY created_at`,
      [waiting.userId],
    );
    expect(notices.map((n: { purpose: string }) => n.purpose)).toEqual([
      'event_waitlisted',
      'event_waitlisted',
      'event_confirmed',
      'event_confirmed',
    ]);
    const [{ history }] = await t.dataSource.query(
      `SELECT count(*)::int AS history FROM rsvp_history WHERE event_id = $1 AND note = 'account deleted'`,
      [eventId],
    );
    expect(history).toBe(0); // the leaver's own history went with their RSVP

    // Nothing with their id or address is left, except the topic the group keeps, without an author.
    const left = await t.dataSource.query(
      `SELECT 'users' AS t, count(*)::int AS n FROM users WHERE id = $1 OR lower(email) = lower($2)
       UNION ALL SELECT 'sessions', count(*)::int FROM sessions WHERE user_id = $1
       UNION ALL SELECT 'memberships', count(*)::int FROM memberships WHERE user_id = $1
       UNION ALL SELECT 'posts', count(*)::int FROM posts WHERE author_id = $1
       UNION ALL SELECT 'follows', count(*)::int FROM topic_followers WHERE user_id = $1
       UNION ALL SELECT 'rsvps', count(*)::int FROM rsvps WHERE user_id = $1
       UNION ALL SELECT 'rsvp_history', count(*)::int FROM rsvp_history WHERE user_id = $1
       UNION ALL SELECT 'invitations', count(*)::int FROM invitations WHERE user_id = $1
       UNION ALL SELECT 'outbox', count(*)::int FROM outbox_messages
                  WHERE user_id = $1 OR about_user_id = $1 OR lower(recipient) = lower($2)
       UNION ALL SELECT 'dev_mailbox', count(*)::int FROM dev_mailbox_messages WHERE lower(recipient) = lower($2)
       UNION ALL SELECT 'magic_links', count(*)::int FROM magic_links WHERE lower(email) = lower($2)
       UNION ALL SELECT 'inbound', count(*)::int FROM inbound_messages WHERE user_id = $1 OR lower(from_address) = lower($2)`,
      [leaving.userId, leaving.email],
    );
    expect(left.filter((r: { n: number }) => r.n > 0)).toEqual([]);
    const [topic] = await t.dataSource.query(`SELECT author_id FROM topics WHERE title = $1`, [
      'A topic the group keeps',
    ]);
    expect(topic).toEqual({ author_id: null });
  });

  it('offers both on a member page: download link, and a delete form that only a same-origin POST with the address can use', async () => {
    const anonymous = await t.http().get('/account').expect(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Faccount');
    const member = await t.sessionFor('pages-leaver@erasure.test', 'Pages Leaver');
    const page = await t.http().get('/account').set('Cookie', member.cookie).expect(200);
    expect(page.text).toContain('href="/api/me/export"');
    expect(page.text).toContain('action="/account/delete"');
    const events = await t.http().get('/events').set('Cookie', member.cookie).expect(200);
    expect(events.text).toContain('href="/account"');

    const form = (confirm: string, origin?: string) => {
      const req = t.http().post('/account/delete').set('Cookie', member.cookie).type('form');
      if (origin) req.set('Origin', origin);
      return req.send({ confirm });
    };
    await form('pages-leaver@erasure.test', 'https://evil.example').expect(403);
    const wrong = await form('not-me@erasure.test').expect(422);
    expect(wrong.text).toContain('role="alert"');
    await t.http().get('/api/me').set('Cookie', member.cookie).expect(200);

    const done = await form('pages-leaver@erasure.test').expect(200);
    expect(done.text).toContain('Your account has been deleted');
    expect(String(done.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    await t.http().get('/api/me').set('Cookie', member.cookie).expect(401);
    const arabic = await t.http().get('/account?lang=ar').expect(303);
    expect(arabic.headers.location).toBe('/sign-in?next=%2Faccount');
  });
});
