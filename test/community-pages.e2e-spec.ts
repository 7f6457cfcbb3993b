import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';

/**
 * The member pages of a group's life: reading a topic, replying, following, reporting, joining a
 * group (and its code of conduct), and the directory of public groups. Every action goes through
 * the services the API uses, so these tests check the page's side: forms, redirects, refusals shown
 * as pages (never JSON, never 500), and a private group's topic answering as a missing one.
 */
describe('community pages (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let member: Person;
  let other: Person;
  let stranger: Person;
  let topicId: string;
  let otherPostId: string;
  let privateTopicId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const setup = await groupWithTopic(t, 'garden-circle', { participants: 2 });
    organizer = setup.organizer;
    [member, other] = setup.participants;
    topicId = setup.topicId;
    // A name written right to left, as a member might choose.
    await t.http().patch('/api/me').set('Cookie', other.cookie).send({ displayName: 'سلمى' }).expect(200);
    const posts = await t.http().get(`/api/topics/${topicId}/posts`).set('Cookie', member.cookie).expect(200);
    otherPostId = posts.body.items.find((p: { author: { id: string } }) => p.author.id === other.userId).id;
    stranger = await person(t, 'stranger@elsewhere.test', 'Stranger');
    const hidden = await groupWithTopic(t, 'quiet-room', { visibility: 'private', participants: 1 });
    privateTopicId = hidden.topicId;
  });
  afterAll(() => t.close());

  const get = (path: string, who?: Person) => {
    const req = t.http().get(path);
    return who ? req.set('Cookie', who.cookie) : req;
  };
  const post = (path: string, who: Person | null, form: Record<string, string> = {}) => {
    const req = t.http().post(path);
    return (who ? req.set('Cookie', who.cookie) : req).type('form').send(form);
  };
  const expectPage = (res: { status: number; headers: Record<string, string>; text: string }) => {
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).not.toMatch(/^\s*\{/);
  };

  it('shows a topic with its replies, authors isolated for right-to-left, linked to its group', async () => {
    const res = await get(`/topics/${topicId}`, member).expect(200);
    expect(res.text).toContain('What should we do next?');
    expect(res.text).toContain('I&#39;m in (1)');
    expect(res.text).toContain('<bdi>سلمى</bdi>');
    expect(res.text).toContain('<bdi>Member 0</bdi>');
    expect(res.text).toContain('href="/groups/garden-circle"');
    expect(res.text).toContain('<a href="/groups">Groups</a>');
    expect(res.text).toContain('action="/topics/' + topicId + '/posts"');
    // A member may report others' posts, not their own.
    expect(res.text).toContain(`action="/topics/${topicId}/posts/${otherPostId}/report"`);
    expect(res.text.match(/\/report"/g)).toHaveLength(1);
    const arabic = await get(`/topics/${topicId}?lang=ar`, member).expect(200);
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain('انشر الرد');
  });

  it('asks visitors to sign in to reply, and non-members to join first', async () => {
    const visitor = await get(`/topics/${topicId}`).expect(200);
    expect(visitor.text).toContain(`/sign-in?next=${encodeURIComponent(`/topics/${topicId}`)}`);
    expect(visitor.text).not.toContain('name="body"');
    const outsider = await get(`/topics/${topicId}`, stranger).expect(200);
    expect(outsider.text).toContain('Only members of <bdi>Group garden-circle</bdi> can reply.');
    expect(outsider.text).not.toContain('name="body"');
    expect(outsider.text).not.toContain('/report"');
    const refused = await post(`/topics/${topicId}/posts`, stranger, { body: 'Hello?' });
    expect(refused.status).toBe(403);
    expectPage(refused);
    expect(refused.text).toContain('Only the group&#39;s members can do this.');
  });

  it('posts a reply from the form, then shows it on the page (303, so a reload does not resend)', async () => {
    const res = await post(`/topics/${topicId}/posts`, member, { body: 'Shall we meet <b>by the pond</b>?' });
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(
      `SELECT id FROM posts WHERE topic_id = $1 AND author_id = $2 AND body = $3`,
      [topicId, member.userId, 'Shall we meet <b>by the pond</b>?'],
    );
    expect(row).toBeDefined();
    expect(res.headers.location).toBe(`/topics/${topicId}?replied=1#post-${row.id}`);
    const page = await get(`/topics/${topicId}?replied=1`, member).expect(200);
    expect(page.text).toContain('Your reply is posted.');
    expect(page.text).toContain(`id="post-${row.id}"`);
    expect(page.text).toContain('Shall we meet &lt;b&gt;by the pond&lt;/b&gt;?');
  });

  it('refuses an empty reply on the page, keeping nothing and showing why', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM posts`);
    const res = await post(`/topics/${topicId}/posts`, member, { body: '   ' });
    expect(res.status).toBe(400);
    expectPage(res);
    expect(res.text).toContain('Write something to post');
    expect(res.text).toContain('name="body"');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM posts`)).toEqual(before);
  });

  it('follows and stops following a topic from the page', async () => {
    // Posting follows a topic: stop first, then follow again.
    const following = async () =>
      (
        await t.dataSource.query(`SELECT 1 FROM topic_followers WHERE topic_id = $1 AND user_id = $2`, [
          topicId,
          member.userId,
        ])
      ).length === 1;
    expect(await following()).toBe(true);
    expect((await get(`/topics/${topicId}`, member)).text).toContain('data-testid="unfollow"');
    const stop = await post(`/topics/${topicId}/unfollow`, member).expect(303);
    expect(stop.headers.location).toBe(`/topics/${topicId}?unfollowed=1`);
    expect(await following()).toBe(false);
    const page = await get(`/topics/${topicId}?unfollowed=1`, member).expect(200);
    expect(page.text).toContain('You no longer follow this discussion.');
    expect(page.text).toContain('data-testid="follow"');
    await post(`/topics/${topicId}/follow`, member).expect(303);
    expect(await following()).toBe(true);
    const again = await get(`/topics/${topicId}?followed=1`, member).expect(200);
    expect(again.text).toContain('You now follow this discussion.');
  });

  it('reports a post to the moderators, once', async () => {
    const res = await post(`/topics/${topicId}/posts/${otherPostId}/report`, member, {
      reason: 'Shares someone’s address',
    }).expect(303);
    expect(res.headers.location).toBe(`/topics/${topicId}?reported=1#post-${otherPostId}`);
    const rows = await t.dataSource.query(
      `SELECT reporter_id, reason, status FROM post_reports WHERE post_id = $1`,
      [otherPostId],
    );
    expect(rows).toEqual([
      { reporter_id: member.userId, reason: 'Shares someone’s address', status: 'open' },
    ]);
    expect((await get(`/topics/${topicId}?reported=1`, member)).text).toContain(
      'moderators will look at the post',
    );
    const twice = await post(`/topics/${topicId}/posts/${otherPostId}/report`, member, { reason: 'Again' });
    expect(twice.status).toBe(409);
    expectPage(twice);
    expect(twice.text).toContain('You already reported this post');
    const empty = await post(`/topics/${topicId}/posts/${otherPostId}/report`, other, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Say briefly what is wrong');
    // A post of another topic is not reported through this one.
    const elsewhere = await post(`/topics/${randomUUID()}/posts/${otherPostId}/report`, member, {
      reason: 'x',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('shows hidden posts to moderators only, marked as hidden', async () => {
    const created = await t
      .http()
      .post(`/api/topics/${topicId}/posts`)
      .set('Cookie', other.cookie)
      .send({ body: 'Something to hide' })
      .expect(201);
    await t
      .http()
      .patch(`/api/posts/${created.body.id}`)
      .set('Cookie', organizer.cookie)
      .send({ hidden: true })
      .expect(200);
    expect((await get(`/topics/${topicId}`, member)).text).not.toContain('Something to hide');
    const moderator = await get(`/topics/${topicId}`, organizer).expect(200);
    expect(moderator.text).toContain('Something to hide');
    expect(moderator.text).toContain('Hidden by moderators');
  });

  it('shows a hidden topic to moderators only, as the API does', async () => {
    const created = await t
      .http()
      .post('/api/groups/garden-circle/topics')
      .set('Cookie', organizer.cookie)
      .send({ title: 'Taken down', body: 'Not for everyone' })
      .expect(201);
    const id = created.body.id as string;
    await t
      .http()
      .patch(`/api/topics/${id}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'hidden' })
      .expect(200);
    const hidden = await get(`/topics/${id}`, member).expect(404);
    expect(hidden.text).not.toContain('Taken down');
    const missing = await get(`/topics/${randomUUID()}`, member).expect(404);
    expect(hidden.text.replace(id, '')).toBe(missing.text.replace(/[0-9a-f-]{36}/, ''));
    const moderator = await get(`/topics/${id}`, organizer).expect(200);
    expect(moderator.text).toContain('Taken down');
    expect(moderator.text).toContain('only moderators see it');
    expect(moderator.text).not.toContain('name="body"');
  });

  it('pages a long discussion by 100 replies, and refuses a made-up page position with a page', async () => {
    const created = await t
      .http()
      .post('/api/groups/garden-circle/topics')
      .set('Cookie', organizer.cookie)
      .send({ title: 'Long thread', body: '' })
      .expect(201);
    const id = created.body.id as string;
    await t.dataSource.query(
      `INSERT INTO posts (topic_id, author_id, body, created_at)
       SELECT $1, $2, 'Reply number ' || n, now() - interval '1 hour' + n * interval '1 second'
         FROM generate_series(1, 101) AS n`,
      [id, member.userId],
    );
    const first = await get(`/topics/${id}`, member).expect(200);
    expect(first.text).toContain('Reply number 100<');
    expect(first.text).not.toContain('Reply number 101<');
    const later = /href="(\/topics\/[^"]+\?after=[^"]+)"/.exec(first.text);
    expect(later).not.toBeNull();
    const second = await get((later as RegExpExecArray)[1].replace(/&amp;/g, '&'), member).expect(200);
    expect(second.text).toContain('Reply number 101<');
    expect(second.text).not.toContain('Reply number 100<');
    expect(second.text).toContain('Back to the first replies');
    const forged = await get(`/topics/${id}?after=bm90LWEtY3Vyc29y`, member);
    expect(forged.status).toBe(400);
    expectPage(forged);
  });

  it('refuses a reply to a locked topic, and says replying is closed', async () => {
    const locked = await t
      .http()
      .post('/api/groups/garden-circle/topics')
      .set('Cookie', organizer.cookie)
      .send({ title: 'Closed matter', body: 'Done' })
      .expect(201);
    const id = locked.body.id as string;
    await t
      .http()
      .patch(`/api/topics/${id}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'locked' })
      .expect(200);
    const page = await get(`/topics/${id}`, member).expect(200);
    expect(page.text).toContain('data-testid="reply-closed"');
    expect(page.text).not.toContain('name="body"');
    const res = await post(`/topics/${id}/posts`, member, { body: 'Let me in' });
    expect(res.status).toBe(409);
    expectPage(res);
    expect(res.text).toContain('Replying is closed for this discussion.');
    expect(await t.dataSource.query(`SELECT 1 FROM posts WHERE topic_id = $1`, [id])).toHaveLength(0);
  });

  it('sends a form address opened directly back to its page, changing nothing', async () => {
    for (const action of ['posts', 'follow', 'unfollow', `posts/${otherPostId}/report`]) {
      const res = await get(`/topics/${topicId}/${action}`, member).expect(303);
      expect(res.headers.location).toBe(`/topics/${topicId}`);
    }
    const join = await get('/groups/garden-circle/join', stranger).expect(303);
    expect(join.headers.location).toBe('/groups/garden-circle');
    expect(
      await t.dataSource.query(
        `SELECT 1 FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.slug = 'garden-circle' AND m.user_id = $1`,
        [stranger.userId],
      ),
    ).toHaveLength(0);
  });

  it('refuses a form posted from another site', async () => {
    const res = await t
      .http()
      .post(`/topics/${topicId}/posts`)
      .set('Cookie', member.cookie)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ body: 'forged' });
    expect(res.status).toBe(403);
    expect(await t.dataSource.query(`SELECT 1 FROM posts WHERE body = 'forged'`)).toHaveLength(0);
  });

  it("answers a private group's topic exactly as a missing one, for visitors and non-members", async () => {
    const ghost = randomUUID();
    const same = (a: string, b: string) => expect(a.split(privateTopicId).join(ghost)).toBe(b);
    for (const who of [null, stranger]) {
      const real = await get(`/topics/${privateTopicId}`, who ?? undefined);
      const missing = await get(`/topics/${ghost}`, who ?? undefined);
      expect([real.status, missing.status]).toEqual([404, 404]);
      same(real.text, missing.text);
      expect(real.text).not.toContain('What should we do next?');
      for (const action of ['posts', 'follow', 'unfollow']) {
        const r = await post(`/topics/${privateTopicId}/${action}`, who, { body: 'Hi' });
        const m = await post(`/topics/${ghost}/${action}`, who, { body: 'Hi' });
        expect([r.status, m.status]).toEqual(who ? [404, 404] : [303, 303]);
        same(r.text, m.text);
        same(r.headers.location ?? '', m.headers.location ?? '');
      }
    }
    expect(await t.dataSource.query(`SELECT 1 FROM posts WHERE body = 'Hi'`)).toHaveLength(0);
  });

  it('shows the code of conduct on the group page, and joining asks for it to be accepted', async () => {
    const joiner = await person(t, 'joiner@elsewhere.test', 'Joiner');
    const page = await get('/groups/garden-circle', joiner).expect(200);
    expect(page.text).toContain('Be kind.');
    expect(page.text).toContain(`href="/topics/${topicId}"`);
    expect(page.text).toMatch(
      /<input type="checkbox" name="coc" value="yes" required data-testid="coc-accept" \/>/,
    );
    const refused = await post('/groups/garden-circle/join', joiner, {});
    expect(refused.status).toBe(400);
    expectPage(refused);
    expect(refused.text).toContain('read the code of conduct and tick the box');
    const none = await t.dataSource.query(`SELECT 1 FROM memberships WHERE user_id = $1`, [joiner.userId]);
    expect(none).toHaveLength(0);
    const joined = await post('/groups/garden-circle/join', joiner, { coc: 'yes' }).expect(303);
    expect(joined.headers.location).toBe('/groups/garden-circle?joined=active');
    const [row] = await t.dataSource.query(
      `SELECT status, coc_accepted_at IS NOT NULL AS accepted FROM memberships WHERE user_id = $1`,
      [joiner.userId],
    );
    expect(row).toEqual({ status: 'active', accepted: true });
    const welcome = await get('/groups/garden-circle?joined=active', joiner).expect(200);
    expect(welcome.text).toContain('You are a member of this group.');
  });

  it('joins a public group without a code of conduct at once, and sends visitors to sign in first', async () => {
    await t
      .http()
      .post('/api/groups')
      .set('Cookie', organizer.cookie)
      .send({ slug: 'open-field', name: 'Open field', timezone: 'UTC', visibility: 'public' })
      .expect(201);
    const visitor = await get('/groups/open-field').expect(200);
    expect(visitor.text).toContain(`/sign-in?next=${encodeURIComponent('/groups/open-field')}`);
    const page = await get('/groups/open-field', stranger).expect(200);
    expect(page.text).not.toContain('name="coc"');
    const res = await post('/groups/open-field/join', stranger).expect(303);
    expect(res.headers.location).toBe('/groups/open-field?joined=active');
    const signedOut = await post('/groups/open-field/join', null).expect(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/groups/open-field')}`);
  });

  it('shows a banned member that they cannot join, on the group page', async () => {
    const banned = await person(t, 'banned@elsewhere.test', 'Banned');
    await t.http().post('/api/groups/garden-circle/join').set('Cookie', banned.cookie).expect(200);
    await t
      .http()
      .patch(`/api/groups/garden-circle/members/${banned.userId}`)
      .set('Cookie', organizer.cookie)
      .send({ status: 'banned' })
      .expect(200);
    const res = await post('/groups/garden-circle/join', banned, { coc: 'yes' });
    expect(res.status).toBe(403);
    expectPage(res);
    expect(res.text).toContain('You cannot join this group.');
    expect(res.text).toContain('Group garden-circle');
  });

  it('asks to join a group that needs approval, and the request waits for an organizer', async () => {
    const asker = await person(t, 'asker@elsewhere.test', 'Asker');
    const before = await get('/groups/quiet-room', asker).expect(404);
    expect(before.text).toContain('action="/groups/quiet-room/join"');
    expect(before.text).toContain('Ask to join');
    const res = await post('/groups/quiet-room/join', asker).expect(303);
    expect(res.headers.location).toBe('/groups/quiet-room?joined=pending');
    const [row] = await t.dataSource.query(
      `SELECT m.status FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.slug = 'quiet-room' AND m.user_id = $1`,
      [asker.userId],
    );
    expect(row).toEqual({ status: 'pending' });
    const after = await get('/groups/quiet-room?joined=pending', asker).expect(404);
    expect(after.text).toContain('its organizers now see your request');
  });

  it('lists public groups only in the directory, searchable by name, paginated with sane bounds', async () => {
    for (const [slug, visibility, city] of [
      ['maple-walkers', 'public', 'Leeds'],
      ['maple-secret', 'private', null],
      ['maple-unlisted', 'unlisted', null],
    ] as const) {
      await t
        .http()
        .post('/api/groups')
        .set('Cookie', organizer.cookie)
        .send({ slug, name: `Maple ${slug}`, timezone: 'UTC', visibility, city })
        .expect(201);
    }
    const res = await get('/groups').expect(200);
    expect(res.text).toContain('<h1>Groups</h1>');
    for (const slug of ['maple-walkers', 'garden-circle']) expect(res.text).toContain(`data-group="${slug}"`);
    for (const hidden of ['maple-secret', 'maple-unlisted', 'quiet-room'])
      expect(res.text).not.toContain(hidden);
    expect(res.text).toContain('<bdi>Leeds</bdi>');
    const search = await get('/groups?q=MAPLE').expect(200);
    expect(search.text.match(/data-group="/g)).toHaveLength(1);
    expect(search.text).toContain('data-group="maple-walkers"');
    const literal = await get(`/groups?q=${encodeURIComponent('%_')}`).expect(200);
    expect(literal.text).toContain('No public group matches.');
    for (const bad of ['0', '-1', 'abc', '99999999', '1e3']) {
      const page = await get(`/groups?page=${bad}`);
      expect(page.status).toBe(400);
      expectPage(page);
      expect(page.text).toContain('here is the first page');
      expect(page.text).toContain('data-group="maple-walkers"');
    }
    const far = await get('/groups?page=40').expect(200);
    expect(far.text).toContain('No public group matches.');
    expect(far.text).toContain('href="/groups?page=39"');
    // A NUL is refused before any page handler runs (the input limits of every route): never a 500.
    const nul = await get(`/groups?q=${encodeURIComponent('a\u0000b')}`);
    expect(nul.status).toBe(400);
    const arabic = await get('/groups?lang=ar').expect(200);
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
  });
});
