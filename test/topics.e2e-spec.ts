import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TopicsService } from '../libs/community/src';
import { TestApp, startTestApp } from './support/app';
import { withoutRequestId } from './support/fixtures';

type Who = { cookie: string; userId: string };

describe('topics, posts and moderation (e2e)', () => {
  let t: TestApp;
  let owner: Who;
  let moderator: Who;
  let member: Who;
  let member2: Who;
  let outsider: Who;
  let pending: Who;

  const withCookie = (req: request.Test, who?: Who): request.Test =>
    who ? req.set('Cookie', who.cookie) : req;
  const get = (url: string, who?: Who) => withCookie(t.http().get(url), who);
  const post = (url: string, body: object, who?: Who) => withCookie(t.http().post(url), who).send(body);
  const patch = (url: string, body: object, who?: Who) => withCookie(t.http().patch(url), who).send(body);
  const del = (url: string, who?: Who) => withCookie(t.http().delete(url), who);

  async function newTopic(slug: string, who: Who, title = 'A topic', body = 'Hello'): Promise<string> {
    const res = await post(`/api/groups/${slug}/topics`, { title, body }, who).expect(201);
    return res.body.id as string;
  }
  async function newPost(topicId: string, who: Who, body = 'A reply'): Promise<string> {
    const res = await post(`/api/topics/${topicId}/posts`, { body }, who).expect(201);
    return res.body.id as string;
  }
  async function addMember(slug: string, who: Who, role?: 'moderator'): Promise<void> {
    const join = await post(`/api/groups/${slug}/join`, {}, who).expect(200);
    if (join.body.status === 'pending') {
      await patch(`/api/groups/${slug}/members/${who.userId}`, { status: 'active' }, owner).expect(200);
    }
    if (role) await patch(`/api/groups/${slug}/members/${who.userId}`, { role }, owner).expect(200);
  }
  async function newGroup(slug: string, visibility: 'public' | 'unlisted' | 'private'): Promise<void> {
    await post('/api/groups', { slug, name: slug, timezone: 'UTC', visibility }, owner).expect(201);
    await addMember(slug, moderator, 'moderator');
    await addMember(slug, member);
    await addMember(slug, member2);
  }

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.sessionFor('topics-owner@example.org', 'Owner Olu');
    moderator = await t.sessionFor('topics-mod@example.org', 'Mod Mika');
    member = await t.sessionFor('topics-member@example.org', 'Member Max');
    member2 = await t.sessionFor('topics-member2@example.org', 'Member Noor');
    outsider = await t.sessionFor('topics-outsider@example.org', 'Outsider Oz');
    pending = await t.sessionFor('topics-pending@example.org', 'Pending Pat');
    await newGroup('open-circle', 'public');
    await newGroup('quiet-room', 'private');
    await post('/api/groups/quiet-room/join', {}, pending).expect(200, { status: 'pending' });
  });
  afterAll(() => t.close());

  describe('visibility', () => {
    it('opens a topic whose author follows it, readable by anyone who can see a public group', async () => {
      const created = await post(
        '/api/groups/open-circle/topics',
        { title: '  Coffee on Sunday?  ', body: 'Who is in?' },
        member,
      ).expect(201);
      expect(created.body).toMatchObject({
        groupSlug: 'open-circle',
        title: 'Coffee on Sunday?',
        body: 'Who is in?',
        status: 'open',
        author: { id: member.userId, displayName: 'Member Max', pronouns: null },
        postCount: 0,
        following: true,
        permissions: { edit: true, moderate: false, post: true },
      });
      expect(created.body).not.toHaveProperty('groupId');
      expect(JSON.stringify(created.body)).not.toContain('@example.org');

      const anon = await get(`/api/topics/${created.body.id}`).expect(200);
      expect(anon.body).toMatchObject({
        title: 'Coffee on Sunday?',
        following: false,
        permissions: { edit: false, moderate: false, post: false },
      });
      const nonMember = await get(`/api/topics/${created.body.id}`, outsider).expect(200);
      expect(nonMember.body.permissions).toEqual({ edit: false, moderate: false, post: false });

      const list = await get('/api/groups/open-circle/topics').expect(200);
      const item = list.body.items.find((i: { id: string }) => i.id === created.body.id);
      expect(item).toMatchObject({ title: 'Coffee on Sunday?', status: 'open' });
      expect(item).not.toHaveProperty('body');
    });

    it("answers 404 for a private group's topics to outsiders and anonymous callers, exactly as for a missing topic", async () => {
      const topicId = await newTopic('quiet-room', member, 'Private matters');
      const postId = await newPost(topicId, member2);
      const missing = await get(`/api/topics/${randomUUID()}`, outsider).expect(404);
      expect(missing.body).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Topic not found',
        requestId: expect.any(String),
      });

      for (const who of [outsider, undefined]) {
        for (const res of [
          await get(`/api/topics/${topicId}`, who),
          await get(`/api/topics/${topicId}/posts`, who),
        ]) {
          expect(res.status).toBe(404);
          expect(withoutRequestId(res.body)).toEqual(withoutRequestId(missing.body));
        }
        const list = await get('/api/groups/quiet-room/topics', who).expect(404);
        const noGroup = await get('/api/groups/no-such-room/topics', who).expect(404);
        expect(withoutRequestId(list.body)).toEqual(withoutRequestId(noGroup.body));
      }
      for (const res of [
        await post(`/api/topics/${topicId}/posts`, { body: 'let me in' }, outsider),
        await post(`/api/topics/${topicId}/follow`, {}, outsider),
        await patch(`/api/topics/${topicId}`, { title: 'mine' }, outsider),
      ]) {
        expect(res.status).toBe(404);
        expect(withoutRequestId(res.body)).toEqual(withoutRequestId(missing.body));
      }
      await patch(`/api/posts/${postId}`, { hidden: true }, outsider).expect(404);
      await post(`/api/posts/${postId}/reports`, { reason: 'spam' }, outsider).expect(404);
      await post('/api/groups/quiet-room/topics', { title: 'hi' }, outsider).expect(404);
    });

    it('keeps private discussions from pending members, to whom the group is as missing as to strangers', async () => {
      const topicId = await newTopic('quiet-room', member, 'Members only');
      await get('/api/groups/quiet-room', pending).expect(404);
      await get(`/api/topics/${topicId}`, pending).expect(404);
      const list = await get('/api/groups/quiet-room/topics', pending).expect(404);
      expect(list.body.code).toBe('NOT_FOUND');
      await post('/api/groups/quiet-room/topics', { title: 'hi' }, pending).expect(404);

      const asMember = await get('/api/groups/quiet-room/topics', member2).expect(200);
      expect(asMember.body.items.map((i: { title: string }) => i.title)).toContain('Members only');
      await get(`/api/topics/${topicId}`, member2).expect(200);
    });

    it('requires an active membership to open topics, post and follow (401 signed out, 403 non-member)', async () => {
      const topicId = await newTopic('open-circle', member);
      await post('/api/groups/open-circle/topics', { title: 'drive-by' }, outsider).expect(403);
      await post('/api/groups/open-circle/topics', { title: 'drive-by' }).expect(401);
      const reply = await post(`/api/topics/${topicId}/posts`, { body: 'hi' }, outsider).expect(403);
      expect(reply.body.code).toBe('FORBIDDEN');
      await post(`/api/topics/${topicId}/posts`, { body: 'hi' }).expect(401);
      await post(`/api/topics/${topicId}/follow`, {}, outsider).expect(403);
      await post(`/api/topics/${topicId}/follow`, {}).expect(401);
    });
  });

  describe('moderation', () => {
    it('rejects new posts in a locked topic with 409 TOPIC_LOCKED until a moderator reopens it', async () => {
      const topicId = await newTopic('open-circle', member, 'Heated');
      await newPost(topicId, member2);
      const locked = await patch(`/api/topics/${topicId}`, { status: 'locked' }, moderator).expect(200);
      expect(locked.body).toMatchObject({ status: 'locked', permissions: { post: false, moderate: true } });

      for (const who of [member2, moderator, owner]) {
        const res = await post(`/api/topics/${topicId}/posts`, { body: 'one more thing' }, who).expect(409);
        expect(res.body).toMatchObject({ statusCode: 409, code: 'TOPIC_LOCKED' });
      }
      const edit = await patch(`/api/topics/${topicId}`, { title: 'Calm now' }, member).expect(409);
      expect(edit.body.code).toBe('TOPIC_LOCKED');
      const readable = await get(`/api/topics/${topicId}`, member).expect(200);
      expect(readable.body).toMatchObject({ status: 'locked', permissions: { post: false, edit: false } });

      const memberUnlock = await patch(`/api/topics/${topicId}`, { status: 'open' }, member).expect(403);
      expect(memberUnlock.body.code).toBe('FORBIDDEN');
      await patch(`/api/topics/${topicId}`, { status: 'open' }, moderator).expect(200);
      await newPost(topicId, member2, 'thanks for reopening');
    });

    it('hides a topic from everyone but moderators, and unhides it', async () => {
      const topicId = await newTopic('open-circle', member, 'To be hidden');
      await newPost(topicId, member2);
      await patch(`/api/topics/${topicId}`, { status: 'hidden' }, moderator).expect(200);

      for (const who of [member, member2, outsider, undefined]) {
        const res = await get(`/api/topics/${topicId}`, who).expect(404);
        expect(res.body.message).toBe('Topic not found');
        await get(`/api/topics/${topicId}/posts`, who).expect(404);
        const list = await get('/api/groups/open-circle/topics?limit=100', who).expect(200);
        expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(topicId);
      }
      await post(`/api/topics/${topicId}/posts`, { body: 'still here?' }, member2).expect(404);
      await patch(`/api/topics/${topicId}`, { body: 'rewrite' }, member).expect(404);

      const asModerator = await get(`/api/topics/${topicId}`, moderator).expect(200);
      expect(asModerator.body.status).toBe('hidden');
      const modList = await get('/api/groups/open-circle/topics?limit=100', owner).expect(200);
      expect(modList.body.items.find((i: { id: string }) => i.id === topicId)).toMatchObject({
        status: 'hidden',
      });
      await post(`/api/topics/${topicId}/posts`, { body: 'mod note' }, moderator).expect(409);

      await patch(`/api/topics/${topicId}`, { status: 'open' }, moderator).expect(200);
      await get(`/api/topics/${topicId}`, member2).expect(200);
    });

    it('leaves hidden posts out for non-moderators, shows them to moderators, and unhides them', async () => {
      const topicId = await newTopic('open-circle', member, 'Posts to moderate');
      const keep = await newPost(topicId, member, 'kind words');
      const rude = await newPost(topicId, member2, 'rude words');

      const memberHide = await patch(`/api/posts/${rude}`, { hidden: true }, member).expect(403);
      expect(memberHide.body.code).toBe('FORBIDDEN');
      const hidden = await patch(`/api/posts/${rude}`, { hidden: true }, moderator).expect(200);
      expect(hidden.body).toMatchObject({ id: rude, hidden: true, body: 'rude words' });
      expect(hidden.body.hiddenAt).toEqual(expect.any(String));

      for (const who of [member, member2, outsider, undefined]) {
        const list = await get(`/api/topics/${topicId}/posts`, who).expect(200);
        expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([keep]);
        expect(JSON.stringify(list.body)).not.toContain('rude words');
        const topic = await get(`/api/topics/${topicId}`, who).expect(200);
        expect(topic.body.postCount).toBe(1);
      }
      // Its own author cannot edit or report it either: for them it is gone.
      await patch(`/api/posts/${rude}`, { body: 'sorry' }, member2).expect(404);
      await post(`/api/posts/${rude}/reports`, { reason: 'rude' }, member).expect(404);

      const modList = await get(`/api/topics/${topicId}/posts`, moderator).expect(200);
      expect(modList.body.items.map((p: { id: string; hidden: boolean }) => [p.id, p.hidden])).toEqual([
        [keep, false],
        [rude, true],
      ]);
      expect((await get(`/api/topics/${topicId}`, moderator).expect(200)).body.postCount).toBe(2);

      await patch(`/api/posts/${rude}`, { hidden: false }, owner).expect(200);
      const back = await get(`/api/topics/${topicId}/posts`, member).expect(200);
      expect(back.body.items.map((p: { id: string; hidden: boolean }) => [p.id, p.hidden])).toEqual([
        [keep, false],
        [rude, false],
      ]);
    });

    it('lets authors edit their own topic and posts, moderators edit topics but never rewrite posts', async () => {
      const topicId = await newTopic('open-circle', member, 'Typo in titel', 'body');
      const fixed = await patch(`/api/topics/${topicId}`, { title: 'Typo in title' }, member).expect(200);
      expect(fixed.body).toMatchObject({ title: 'Typo in title', body: 'body' });
      await patch(`/api/topics/${topicId}`, { title: 'Not yours' }, member2).expect(403);
      const modEdit = await patch(`/api/topics/${topicId}`, { body: 'Moderated body' }, moderator).expect(
        200,
      );
      expect(modEdit.body).toMatchObject({ title: 'Typo in title', body: 'Moderated body' });

      const postId = await newPost(topicId, member2, 'frist');
      const edited = await patch(`/api/posts/${postId}`, { body: 'first' }, member2).expect(200);
      expect(edited.body).toMatchObject({ body: 'first', permissions: { edit: true } });
      expect(edited.body.editedAt).toEqual(expect.any(String));
      await patch(`/api/posts/${postId}`, { body: 'hijacked' }, member).expect(403);
      const modRewrite = await patch(`/api/posts/${postId}`, { body: 'moderated' }, moderator).expect(403);
      expect(modRewrite.body.code).toBe('FORBIDDEN');
      const list = await get(`/api/topics/${topicId}/posts`).expect(200);
      expect(list.body.items[0].body).toBe('first');
    });

    it('files reports from members, once while open, and lets moderators work the queue', async () => {
      await newGroup('report-circle', 'public');
      const topicId = await newTopic('report-circle', member, 'Reported here');
      const postId = await newPost(topicId, member2, 'something hurtful');

      const filed = await post(`/api/posts/${postId}/reports`, { reason: 'This is hurtful' }, member).expect(
        201,
      );
      expect(filed.body).toEqual({ id: expect.any(String), status: 'open', createdAt: expect.any(String) });
      const again = await post(`/api/posts/${postId}/reports`, { reason: 'Really' }, member).expect(409);
      expect(again.body.code).toBe('REPORT_ALREADY_OPEN');
      await post(`/api/posts/${postId}/reports`, { reason: 'Me too' }, owner).expect(201);
      await post(`/api/posts/${postId}/reports`, { reason: 'Not my group' }, outsider).expect(403);
      await post(`/api/posts/${postId}/reports`, { reason: 'x'.repeat(1001) }, member2).expect(400);
      await post(`/api/posts/${postId}/reports`, { reason: '   ' }, member2).expect(400);
      await post(`/api/posts/${postId}/reports`, {}, member2).expect(400);

      const queue = await get('/api/groups/report-circle/reports', moderator).expect(200);
      expect(queue.body.items).toHaveLength(2);
      expect(queue.body.items[0]).toMatchObject({
        id: filed.body.id,
        status: 'open',
        reason: 'This is hurtful',
        resolvedAt: null,
        post: {
          id: postId,
          topicId,
          topicTitle: 'Reported here',
          body: 'something hurtful',
          hidden: false,
          author: { id: member2.userId },
        },
      });
      // Who reported is not shown, not even to moderators.
      expect(JSON.stringify(queue.body)).not.toContain(member.userId);

      const forbidden = await get('/api/groups/report-circle/reports', member).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await get('/api/groups/report-circle/reports', outsider).expect(403);
      await get('/api/groups/quiet-room/reports', outsider).expect(404);
      const privateQueue = await get('/api/groups/quiet-room/reports', moderator).expect(200);
      expect(
        privateQueue.body.items.map((r: { post: { topicTitle: string } }) => r.post.topicTitle),
      ).not.toContain('Reported here');
      await get('/api/groups/report-circle/reports').expect(401);

      await patch(`/api/reports/${filed.body.id}`, { status: 'resolved' }, member).expect(403);
      await patch(`/api/reports/${filed.body.id}`, { status: 'resolved' }, outsider).expect(403);
      await patch(`/api/reports/${filed.body.id}`, { status: 'open' }, moderator).expect(400);
      const resolved = await patch(`/api/reports/${filed.body.id}`, { status: 'resolved' }, moderator).expect(
        200,
      );
      expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
      const twice = await patch(`/api/reports/${filed.body.id}`, { status: 'dismissed' }, owner).expect(409);
      expect(twice.body.code).toBe('REPORT_CLOSED');

      const open = await get('/api/groups/report-circle/reports', moderator).expect(200);
      expect(open.body.items).toHaveLength(1);
      const closed = await get('/api/groups/report-circle/reports?status=resolved', moderator).expect(200);
      expect(closed.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
      // Once the report is closed the same member may report the post again.
      await post(`/api/posts/${postId}/reports`, { reason: 'It happened again' }, member).expect(201);

      await patch(`/api/reports/${randomUUID()}`, { status: 'dismissed' }, moderator).expect(404);
    });

    it('hides a private group report from outsiders as not found', async () => {
      const topicId = await newTopic('quiet-room', member, 'Private report');
      const postId = await newPost(topicId, member2);
      const filed = await post(`/api/posts/${postId}/reports`, { reason: 'spam' }, member).expect(201);
      const res = await patch(`/api/reports/${filed.body.id}`, { status: 'dismissed' }, outsider).expect(404);
      expect(res.body.message).toBe('Report not found');
      await patch(`/api/reports/${filed.body.id}`, { status: 'dismissed' }, pending).expect(404);
      await patch(`/api/reports/${filed.body.id}`, { status: 'dismissed' }, moderator).expect(200);
    });
  });

  describe('following', () => {
    it('follows and unfollows idempotently with 204, and posting follows again', async () => {
      const topicId = await newTopic('open-circle', member, 'Follow me');
      const following = async (who: Who): Promise<boolean> =>
        (await get(`/api/topics/${topicId}`, who).expect(200)).body.following;

      expect(await following(member2)).toBe(false);
      await post(`/api/topics/${topicId}/follow`, {}, member2).expect(204);
      await post(`/api/topics/${topicId}/follow`, {}, member2).expect(204);
      expect(await following(member2)).toBe(true);
      await del(`/api/topics/${topicId}/follow`, member2).expect(204);
      await del(`/api/topics/${topicId}/follow`, member2).expect(204);
      expect(await following(member2)).toBe(false);

      await newPost(topicId, member2);
      expect(await following(member2)).toBe(true);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM topic_followers WHERE topic_id = $1 AND user_id = $2`,
        [topicId, member2.userId],
      );
      expect(count).toBe(1);

      await del(`/api/topics/${randomUUID()}/follow`, member2).expect(404);
      await del(`/api/topics/${topicId}/follow`).expect(401);
    });
  });

  describe('for the series built on a topic', () => {
    it('names as participants the author, visible posters and followers who are still active members', async () => {
      await newGroup('participants', 'public');
      const [poster, hiddenPoster, follower, bannedPoster, leaver] = await Promise.all(
        ['poster', 'hidden-poster', 'follower', 'banned-poster', 'leaver'].map((n) =>
          t.sessionFor(`p-${n}@example.org`, n),
        ),
      );
      for (const who of [poster, hiddenPoster, follower, bannedPoster, leaver])
        await addMember('participants', who);

      const topicId = await newTopic('participants', member, 'Plan the meetup');
      await newPost(topicId, poster);
      await newPost(topicId, poster);
      const hidden = await newPost(topicId, hiddenPoster);
      await patch(`/api/posts/${hidden}`, { hidden: true }, moderator).expect(200);
      await del(`/api/topics/${topicId}/follow`, hiddenPoster).expect(204);
      await post(`/api/topics/${topicId}/follow`, {}, follower).expect(204);
      await newPost(topicId, bannedPoster);
      await patch(
        `/api/groups/participants/members/${bannedPoster.userId}`,
        { status: 'banned' },
        owner,
      ).expect(200);
      await post(`/api/topics/${topicId}/follow`, {}, leaver).expect(204);
      await del('/api/groups/participants/members/me', leaver).expect(204);

      const topics = t.server.app.get(TopicsService);
      const ids = await t.dataSource.transaction((tx) => topics.participantIds(tx, topicId));
      expect(ids).toEqual([member.userId, poster.userId, follower.userId].sort());

      // The banned poster's follow row and post still exist; only the membership rule removes them.
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM topic_followers WHERE topic_id = $1 AND user_id = $2`,
        [topicId, bannedPoster.userId],
      );
      expect(count).toBe(1);
    });

    it('requireTopic returns the topic with its group and the caller standing, or 404 when unseen', async () => {
      const topics = t.server.app.get(TopicsService);
      const topicId = await newTopic('quiet-room', member, 'Series seed');
      const context = await topics.requireTopic(topicId, moderator.userId, 'moderate');
      expect(context.topic).toMatchObject({ id: topicId, title: 'Series seed', status: 'open' });
      expect(context.group.slug).toBe('quiet-room');
      expect(context.membership).toMatchObject({ role: 'moderator', status: 'active' });
      expect(context.access.canModerate).toBe(true);
      await expect(topics.requireTopic(topicId, outsider.userId, 'view')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(topics.requireTopic(topicId, null, 'view')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(topics.requireTopic(topicId, member.userId, 'moderate')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe('pagination', () => {
    it('pages topics by last activity, newest first, and a reply moves a topic to the top', async () => {
      await newGroup('paged', 'unlisted');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await newTopic('paged', member, `Topic ${i}`));
      await newPost(ids[0], member2, 'bump');

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/groups/paged/topics?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await get(url, member2).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
      const all = await get('/api/groups/paged/topics').expect(200);
      expect(all.body.nextCursor).toBeNull();
    });

    it('pages posts oldest first without skipping or repeating posts created within the same millisecond', async () => {
      const topicId = await newTopic('open-circle', member, 'Busy thread');
      // Same millisecond, different microseconds, plus an exact tie broken by id: a cursor that
      // kept only milliseconds (a JS Date) would repeat or skip rows here.
      await t.dataSource.query(
        `INSERT INTO posts (topic_id, author_id, body, created_at)
         SELECT $1, $2, 'post ' || n, timestamptz '2030-01-01T00:00:00.000001Z' + (least(n, 4) * interval '1 microsecond')
           FROM generate_series(1, 6) n`,
        [topicId, member2.userId],
      );
      const expected = await t.dataSource.query(
        `SELECT id FROM posts WHERE topic_id = $1 ORDER BY created_at, id`,
        [topicId],
      );

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await get(
          `/api/topics/${topicId}/posts?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ).expect(200);
        seen.push(...res.body.items.map((p: { id: string }) => p.id));
        cursor = res.body.nextCursor;
      } while (cursor && seen.length < 20);
      expect(seen).toEqual(expected.map((r: { id: string }) => r.id));
      expect(new Set(seen).size).toBe(6);
    });

    it('rejects a bad limit or cursor with 400', async () => {
      const topicId = await newTopic('open-circle', member, 'Limits');
      for (const query of [
        'limit=0',
        'limit=101',
        'limit=abc',
        'limit=1.5',
        'cursor=',
        'cursor=garbage',
        'cursor=WyIyMDI1Il0',
        'sort=asc',
      ]) {
        for (const url of [
          `/api/groups/open-circle/topics?${query}`,
          `/api/topics/${topicId}/posts?${query}`,
        ]) {
          const res = await get(url, member).expect(400);
          expect(res.body.code).toBe('VALIDATION_FAILED');
        }
      }
    });
  });

  describe('bad input', () => {
    it('answers 400 for malformed ids and bodies, 404 for unknown ids, and never 500', async () => {
      const topicId = await newTopic('open-circle', member, 'Validation');
      const postId = await newPost(topicId, member);
      const statuses: Array<[string, number, number]> = [];
      const check = async (label: string, req: request.Test, expected: number) => {
        const res = await req;
        statuses.push([label, res.status, expected]);
        expect(res.body).toMatchObject({
          statusCode: res.status,
          code: expect.any(String),
          message: expect.any(String),
        });
      };

      await check('bad topic id', get('/api/topics/not-a-uuid'), 400);
      await check('bad topic id patch', patch('/api/topics/123', { title: 'x' }, member), 400);
      await check('bad post id', patch('/api/posts/nope', { body: 'x' }, member), 400);
      await check('bad report id', patch('/api/reports/nope', { status: 'resolved' }, moderator), 400);
      await check('bad follow id', post('/api/topics/nope/follow', {}, member), 400);
      await check('unknown topic', get(`/api/topics/${randomUUID()}`, member), 404);
      await check(
        'unknown topic posts',
        post(`/api/topics/${randomUUID()}/posts`, { body: 'x' }, member),
        404,
      );
      await check('unknown post', patch(`/api/posts/${randomUUID()}`, { body: 'x' }, member), 404);
      await check(
        'unknown post report',
        post(`/api/posts/${randomUUID()}/reports`, { reason: 'x' }, member),
        404,
      );
      await check('unknown group', post('/api/groups/nowhere/topics', { title: 'x' }, member), 404);
      await check('blank title', post('/api/groups/open-circle/topics', { title: '   ' }, member), 400);
      await check(
        'long title',
        post('/api/groups/open-circle/topics', { title: 'x'.repeat(201) }, member),
        400,
      );
      await check('no title', post('/api/groups/open-circle/topics', { body: 'x' }, member), 400);
      await check('null title', post('/api/groups/open-circle/topics', { title: null }, member), 400);
      await check('NUL in title', post('/api/groups/open-circle/topics', { title: 'a\u0000b' }, member), 400);
      await check(
        'number body',
        post('/api/groups/open-circle/topics', { title: 'x', body: 5 }, member),
        400,
      );
      await check(
        'unknown field',
        post('/api/groups/open-circle/topics', { title: 'x', status: 'locked' }, member),
        400,
      );
      await check('empty post', post(`/api/topics/${topicId}/posts`, { body: '' }, member), 400);
      await check('NUL in post', post(`/api/topics/${topicId}/posts`, { body: '\u0000' }, member), 400);
      await check(
        'huge post',
        post(`/api/topics/${topicId}/posts`, { body: 'x'.repeat(20_001) }, member),
        400,
      );
      await check('null post body edit', patch(`/api/posts/${postId}`, { body: null }, member), 400);
      await check('null topic body edit', patch(`/api/topics/${topicId}`, { body: null }, member), 400);
      await check('null hidden', patch(`/api/posts/${postId}`, { hidden: null }, moderator), 400);
      await check('string hidden', patch(`/api/posts/${postId}`, { hidden: 'yes' }, moderator), 400);
      await check('bad status', patch(`/api/topics/${topicId}`, { status: 'deleted' }, moderator), 400);
      await check('author sets status', patch(`/api/topics/${topicId}`, { status: 'locked' }, member), 403);
      await check(
        'bad report status',
        patch(`/api/reports/${randomUUID()}`, { status: 'maybe' }, moderator),
        400,
      );
      await check(
        'malformed json',
        withCookie(t.http().post(`/api/topics/${topicId}/posts`), member)
          .set('Content-Type', 'application/json')
          .send('{"body":'),
        400,
      );

      expect(statuses.filter(([, status, expected]) => status !== expected)).toEqual([]);
      expect(statuses.some(([, status]) => status >= 500)).toBe(false);
      // Nothing was written by the rejected requests.
      const topic = await get(`/api/topics/${topicId}`, member).expect(200);
      expect(topic.body).toMatchObject({ title: 'Validation', body: 'Hello', status: 'open', postCount: 1 });
    });
  });
});
