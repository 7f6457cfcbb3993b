import { TestApp, linkIn, startTestApp } from './support/app';

describe('groups and memberships (e2e)', () => {
  let t: TestApp;
  let owner: { cookie: string; userId: string };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.sessionFor('owner-of-group@example.org', 'Robin');
  });
  afterAll(() => t.close());

  const createGroup = (cookie: string, body: Record<string, unknown>) =>
    t.http().post('/api/groups').set('Cookie', cookie).send(body);

  it('creates a group with its creator as owner, and updates it', async () => {
    const res = await createGroup(owner.cookie, {
      slug: 'queer-coffee-leeds',
      name: 'Queer Coffee Leeds',
      timezone: 'Europe/London',
      city: 'Leeds',
      codeOfConduct: 'Be kind.',
    }).expect(201);
    expect(res.body).toMatchObject({
      slug: 'queer-coffee-leeds',
      visibility: 'public',
      membership: { role: 'owner', status: 'active' },
      permissions: { edit: true, manageMembers: true, moderate: true },
    });
    const updated = await t
      .http()
      .patch('/api/groups/queer-coffee-leeds')
      .set('Cookie', owner.cookie)
      .send({ description: 'Monthly coffee', timezone: 'Europe/Dublin' })
      .expect(200);
    expect(updated.body).toMatchObject({
      description: 'Monthly coffee',
      timezone: 'Europe/Dublin',
      name: 'Queer Coffee Leeds',
    });
    await t
      .http()
      .patch('/api/groups/queer-coffee-leeds')
      .set('Cookie', owner.cookie)
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    await t
      .http()
      .patch('/api/groups/queer-coffee-leeds')
      .set('Cookie', owner.cookie)
      .send({ slug: 'renamed' })
      .expect(400);
    await t
      .http()
      .patch('/api/groups/queer-coffee-leeds')
      .set('Cookie', owner.cookie)
      .send({ reminderHours: [5] })
      .expect(400);
    const anon = await t.http().get('/api/groups/queer-coffee-leeds').expect(200);
    expect(anon.body).toMatchObject({
      name: 'Queer Coffee Leeds',
      membership: null,
      permissions: { edit: false },
    });
  });

  it('validates: taken slug 409, bad timezone 400, unknown field 400, bad slug 400', async () => {
    await createGroup(owner.cookie, { slug: 'dupe', name: 'One', timezone: 'UTC' }).expect(201);
    const taken = await createGroup(owner.cookie, { slug: 'dupe', name: 'Two', timezone: 'UTC' }).expect(409);
    expect(taken.body.code).toBe('GROUP_SLUG_TAKEN');
    const tz = await createGroup(owner.cookie, { slug: 'tz', name: 'TZ', timezone: 'Mars/Olympus' }).expect(
      400,
    );
    expect(JSON.stringify(tz.body.details)).toContain('timezone');
    const unknown = await createGroup(owner.cookie, {
      slug: 'unk',
      name: 'U',
      timezone: 'UTC',
      ownerId: 'x',
    }).expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    await createGroup(owner.cookie, { slug: 'Bad Slug!', name: 'B', timezone: 'UTC' }).expect(400);
    await t.http().post('/api/groups').send({ slug: 'anon', name: 'A', timezone: 'UTC' }).expect(401);
  });

  describe('role matrix', () => {
    let member: { cookie: string; userId: string };
    let moderator: { cookie: string; userId: string };
    let outsider: { cookie: string; userId: string };

    beforeAll(async () => {
      await createGroup(owner.cookie, {
        slug: 'matrix',
        name: 'Matrix',
        timezone: 'UTC',
        visibility: 'private',
      }).expect(201);
      member = await t.sessionFor('member@example.org', 'Mo');
      moderator = await t.sessionFor('moderator@example.org', 'Mod');
      outsider = await t.sessionFor('other-organizer@example.org', 'Other');
      await createGroup(outsider.cookie, { slug: 'outsiders', name: 'Outsiders', timezone: 'UTC' }).expect(
        201,
      );
      for (const who of [member, moderator]) {
        const join = await t.http().post('/api/groups/matrix/join').set('Cookie', who.cookie).expect(200);
        expect(join.body).toEqual({ status: 'pending' });
        await t
          .http()
          .patch(`/api/groups/matrix/members/${who.userId}`)
          .set('Cookie', owner.cookie)
          .send({ status: 'active' })
          .expect(200);
      }
      await t
        .http()
        .patch(`/api/groups/matrix/members/${moderator.userId}`)
        .set('Cookie', owner.cookie)
        .send({ role: 'moderator' })
        .expect(200);
    });

    it('lets a member read but not edit (403)', async () => {
      await t.http().get('/api/groups/matrix').set('Cookie', member.cookie).expect(200);
      const res = await t
        .http()
        .patch('/api/groups/matrix')
        .set('Cookie', member.cookie)
        .send({ name: 'Mine now' })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('lets a moderator see members but not edit or manage them', async () => {
      const list = await t
        .http()
        .get('/api/groups/matrix/members')
        .set('Cookie', moderator.cookie)
        .expect(200);
      expect(list.body.map((m: { displayName: string }) => m.displayName).sort()).toEqual([
        'Mo',
        'Mod',
        'Robin',
      ]);
      await t
        .http()
        .patch('/api/groups/matrix')
        .set('Cookie', moderator.cookie)
        .send({ name: 'x' })
        .expect(403);
      await t
        .http()
        .patch(`/api/groups/matrix/members/${member.userId}`)
        .set('Cookie', moderator.cookie)
        .send({ status: 'banned' })
        .expect(403);
    });

    it('gives an ordinary member an empty member list, not an error or a count', async () => {
      const list = await t.http().get('/api/groups/matrix/members').set('Cookie', member.cookie).expect(200);
      expect(list.body).toEqual([]);
    });

    it("answers 404 to another group's organizer and to anonymous callers for a private group", async () => {
      for (const req of [
        t.http().get('/api/groups/matrix').set('Cookie', outsider.cookie),
        t.http().patch('/api/groups/matrix').set('Cookie', outsider.cookie).send({ name: 'x' }),
        t.http().get('/api/groups/matrix/members').set('Cookie', outsider.cookie),
        t
          .http()
          .patch(`/api/groups/matrix/members/${member.userId}`)
          .set('Cookie', outsider.cookie)
          .send({ status: 'banned' }),
        t.http().get('/api/groups/matrix'),
      ]) {
        const res = await req.expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          code: 'NOT_FOUND',
          message: 'Group not found',
          requestId: expect.any(String),
        });
      }
    });

    it('answers a join request for an unseen private group exactly like one for a missing group', async () => {
      const a = await t
        .http()
        .post('/api/groups/no-such-group/join')
        .set('Cookie', outsider.cookie)
        .expect(200);
      const stranger = await t.sessionFor('stranger@example.org');
      const b = await t.http().post('/api/groups/matrix/join').set('Cookie', stranger.cookie).expect(200);
      expect(a.body).toEqual(b.body);
    });

    it('bans a member, who then cannot see the private group or rejoin it', async () => {
      const banned = await t.sessionFor('banned@example.org');
      await t.http().post('/api/groups/matrix/join').set('Cookie', banned.cookie).expect(200);
      await t
        .http()
        .patch(`/api/groups/matrix/members/${banned.userId}`)
        .set('Cookie', owner.cookie)
        .send({ status: 'banned' })
        .expect(200);
      await t.http().get('/api/groups/matrix').set('Cookie', banned.cookie).expect(404);
      const again = await t.http().post('/api/groups/matrix/join').set('Cookie', banned.cookie).expect(200);
      expect(again.body).toEqual({ status: 'pending' });
      const [row] = await t.dataSource.query(`SELECT status FROM memberships WHERE user_id = $1`, [
        banned.userId,
      ]);
      expect(row.status).toBe('banned');
    });

    it('keeps the last owner: the owner cannot leave or be demoted alone', async () => {
      const leave = await t
        .http()
        .delete('/api/groups/matrix/members/me')
        .set('Cookie', owner.cookie)
        .expect(409);
      expect(leave.body.code).toBe('LAST_OWNER');
      await t
        .http()
        .patch(`/api/groups/matrix/members/${owner.userId}`)
        .set('Cookie', owner.cookie)
        .send({ role: 'member' })
        .expect(409);
    });

    it('keeps one owner when two co-owners leave at the same moment', async () => {
      for (let i = 0; i < 5; i++) {
        const slug = `two-owners-${i}`;
        await createGroup(owner.cookie, { slug, name: `Two owners ${i}`, timezone: 'Europe/London' }).expect(
          201,
        );
        const other = await t.sessionFor(`co-owner-${i}@example.org`);
        await t.http().post(`/api/groups/${slug}/join`).set('Cookie', other.cookie).expect(200);
        await t
          .http()
          .patch(`/api/groups/${slug}/members/${other.userId}`)
          .set('Cookie', owner.cookie)
          .send({ role: 'owner' })
          .expect(200);
        const statuses = await Promise.all(
          [owner, other].map(
            async (who) =>
              (await t.http().delete(`/api/groups/${slug}/members/me`).set('Cookie', who.cookie)).status,
          ),
        );
        expect(statuses.sort()).toEqual([204, 409]);
        const [{ owners }] = await t.dataSource.query(
          `SELECT count(*)::int AS owners FROM memberships m JOIN groups g ON g.id = m.group_id
            WHERE g.slug = $1 AND m.role = 'owner' AND m.status = 'active'`,
          [slug],
        );
        expect(owners).toBe(1);
      }
    });

    it('lets a member leave', async () => {
      const leaver = await t.sessionFor('leaver@example.org');
      await t
        .http()
        .post('/api/groups/outsiders/join')
        .set('Cookie', leaver.cookie)
        .expect(200, { status: 'active' });
      await t.http().delete('/api/groups/outsiders/members/me').set('Cookie', leaver.cookie).expect(204);
      const mine = await t.http().get('/api/groups').set('Cookie', leaver.cookie).expect(200);
      expect(mine.body).toEqual([]);
    });
  });

  it('invites by email into a private group; only the invited address can accept, once', async () => {
    await createGroup(owner.cookie, {
      slug: 'by-invite',
      name: 'By Invite',
      timezone: 'UTC',
      visibility: 'private',
    }).expect(201);
    await t
      .http()
      .post('/api/groups/by-invite/members')
      .set('Cookie', owner.cookie)
      .send({ email: 'Invitee@Example.org' })
      .expect(202);
    const mail = await t.smtp.waitFor('invitee@example.org');
    expect(mail.parsed.subject).toBe("You're invited to join By Invite on Hearth");
    expect(mail.parsed.html).toContain('<bdi>Robin</bdi> invited you');
    const token = linkIn(mail.parsed.text, /\/invites\//).split('/invites/')[1];

    const wrongPerson = await t.sessionFor('someone-else@example.org');
    const mismatch = await t
      .http()
      .post(`/api/invites/${token}/accept`)
      .set('Cookie', wrongPerson.cookie)
      .expect(403);
    expect(mismatch.body.code).toBe('INVITE_EMAIL_MISMATCH');

    const invitee = await t.sessionFor('invitee@example.org');
    await t.http().get('/api/groups/by-invite').set('Cookie', invitee.cookie).expect(404);
    await t
      .http()
      .post(`/api/invites/${token}/accept`)
      .set('Cookie', invitee.cookie)
      .expect(200, { group: 'by-invite', status: 'active' });
    const group = await t.http().get('/api/groups/by-invite').set('Cookie', invitee.cookie).expect(200);
    expect(group.body.membership).toEqual({ role: 'member', status: 'active' });
    const reused = await t
      .http()
      .post(`/api/invites/${token}/accept`)
      .set('Cookie', invitee.cookie)
      .expect(404);
    expect(reused.body.code).toBe('INVITE_INVALID');
  });
});
