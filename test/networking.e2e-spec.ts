import { Clock } from '../libs/core/src';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays } from './support/fixtures';

/** A clock the test moves by hand; it starts at the real time and only goes forward. */
class TestClock extends Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string | Date): void {
    this.at = new Date(iso).getTime();
  }
  advanceMinutes(minutes: number): void {
    this.at += minutes * 60_000;
  }
}

interface Live {
  phase: string;
  round: number;
  nextChangeAt: string | null;
  me: { shownName: string; present: boolean } | null;
  room: {
    url: string;
    people: Array<{ userId: string; shownName: string; sharedInterests: string[] }>;
  } | null;
}

describe('networking rounds (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let organizer: Person;
  let members: Person[];
  let outsider: Person;
  let eventId: string;
  let startsAt: string;

  const api = (path: string): string => `/api/events/${eventId}/networking${path}`;
  const live = async (who: Person, id = eventId): Promise<Live> =>
    (await t.http().get(`/api/events/${id}/networking/live`).set('Cookie', who.cookie).expect(200))
      .body as Live;
  const rsvp = (who: Person, id: string, status = 'going') =>
    t.http().post(`/api/events/${id}/rsvps`).set('Cookie', who.cookie).send({ status }).expect(200);
  const createEvent = async (kind: string, start: string): Promise<string> => {
    const res = await t
      .http()
      .post('/api/groups/net/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind,
        title: `Networking ${kind}`,
        startsAt: start,
        endsAt: hoursAfter(start, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/lobby',
      })
      .expect(201);
    return res.body.id as string;
  };
  const roomsOf = async (
    id: string,
  ): Promise<Array<{ round: number; rooms: Array<{ members: Array<{ userId: string }> }> }>> =>
    (await t.http().get(`/api/events/${id}/networking/plan`).set('Cookie', organizer.cookie).expect(200)).body
      .rounds;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const g = await groupWithTopic(t, 'net', { participants: 5 });
    organizer = g.organizer;
    members = g.participants.slice(0, 4);
    outsider = g.participants[4];
    startsAt = inDays(3);
    eventId = await createEvent('virtual_networking', startsAt);
    for (const m of members) await rsvp(m, eventId);
  });
  afterAll(() => t.close());

  it('is only for virtual networking and hybrid events, set by organizers, and the plan must fit the event', async () => {
    const discussion = await createEvent('online_discussion', inDays(4));
    const plan = {
      rounds: 3,
      roundMinutes: 10,
      breakMinutes: 2,
      groupSize: 2,
      useInterests: true,
      interestTags: ['art', 'code'],
    };
    const refused = await t
      .http()
      .put(`/api/events/${discussion}/networking/settings`)
      .set('Cookie', organizer.cookie)
      .send(plan)
      .expect(422);
    expect(refused.body.code).toBe('NETWORKING_NOT_AVAILABLE');
    const tooLong = await t
      .http()
      .put(api('/settings'))
      .set('Cookie', organizer.cookie)
      .send({ ...plan, rounds: 4, roundMinutes: 20, breakMinutes: 5 })
      .expect(422);
    expect(tooLong.body.code).toBe('NETWORKING_PLAN_TOO_LONG');
    await t.http().put(api('/settings')).set('Cookie', members[0].cookie).send(plan).expect(403);
    await t
      .http()
      .put(api('/settings'))
      .set('Cookie', organizer.cookie)
      .send({ ...plan, groupSize: 5 })
      .expect(400);
    const ok = await t.http().put(api('/settings')).set('Cookie', organizer.cookie).send(plan).expect(200);
    expect(ok.body).toMatchObject({ rounds: 3, groupSize: 2, status: 'idle', interestTags: ['art', 'code'] });
  });

  it('is off by default; only going attendees opt in, with a shown name, intro and interests from the list', async () => {
    expect((await live(members[0])).me).toBeNull();
    const notGoing = await t
      .http()
      .put(api('/participation'))
      .set('Cookie', outsider.cookie)
      .send({ showAs: 'display_name' })
      .expect(403);
    expect(notGoing.body.code).toBe('NETWORKING_GOING_REQUIRED');
    const unknown = await t
      .http()
      .put(api('/participation'))
      .set('Cookie', members[0].cookie)
      .send({ showAs: 'display_name', interests: ['surfing'] })
      .expect(422);
    expect(unknown.body.code).toBe('NETWORKING_INTEREST_UNKNOWN');
    const early = await t.http().post(api('/presence')).set('Cookie', members[0].cookie).expect(409);
    expect(early.body.code).toBe('NETWORKING_NOT_OPTED_IN');
    await t
      .http()
      .put(api('/participation'))
      .set('Cookie', members[0].cookie)
      .send({ showAs: 'pseudonym', pseudonym: 'Ash', intro: 'Paints on weekends', interests: ['art'] })
      .expect(204);
    for (const m of members.slice(1))
      await t
        .http()
        .put(api('/participation'))
        .set('Cookie', m.cookie)
        .send({ showAs: 'display_name', interests: ['art'] })
        .expect(204);
    expect((await live(members[0])).me).toMatchObject({ shownName: 'Ash', present: false });
  });

  it('seats those present each round, each seeing only their own room, with unique unguessable room links', async () => {
    for (const m of members.slice(0, 3))
      await t.http().post(api('/presence')).set('Cookie', m.cookie).expect(204);
    clock.set(startsAt);
    await t.http().post(api('/rounds/start')).set('Cookie', members[0].cookie).expect(403);
    await t.http().post(api('/rounds/start')).set('Cookie', organizer.cookie).expect(204);
    // Three present, groups of two: one room of three (a lone person joins rather than waits).
    const first = await Promise.all(members.slice(0, 3).map((m) => live(m)));
    for (const view of first) {
      expect(view).toMatchObject({ phase: 'round', round: 1 });
      expect(view.room?.people).toHaveLength(2);
    }
    const ash = first[1].room?.people.find((p) => p.userId === members[0].userId);
    expect(ash).toMatchObject({ shownName: 'Ash', sharedInterests: ['art'] });
    // The late arrival is not in this round, and sees no room and nobody.
    await t.http().post(api('/presence')).set('Cookie', members[3].cookie).expect(204);
    const late = await live(members[3]);
    expect(late.room).toBeNull();
    expect(JSON.stringify(late)).not.toContain(members[0].userId);

    clock.advanceMinutes(10);
    expect(await live(members[0])).toMatchObject({ phase: 'break', round: 1, room: null });
    clock.advanceMinutes(2);
    const second = await Promise.all(members.map((m) => live(m)));
    const urls = new Set<string>();
    for (const [i, view] of second.entries()) {
      expect(view).toMatchObject({ phase: 'round', round: 2 });
      expect(view.room?.people).toHaveLength(1);
      const partner = members.find((m) => m.userId === view.room?.people[0].userId) as Person;
      const theirs = second[members.indexOf(partner)];
      expect(theirs.room?.people[0].userId).toBe(members[i].userId);
      expect(theirs.room?.url).toBe(view.room?.url);
      urls.add(view.room?.url as string);
      for (const other of members)
        if (other !== partner && other !== members[i])
          expect(JSON.stringify(view)).not.toContain(other.userId);
    }
    expect(urls.size).toBe(2);
    for (const url of urls) expect(url).toMatch(/^https:\/\/meet\.jit\.si\/hearth-[A-Za-z0-9_-]{24}$/);
  });

  it('pauses, resumes, skips and ends under the organizer, and drops people who leave', async () => {
    await t.http().post(api('/rounds/pause')).set('Cookie', organizer.cookie).expect(204);
    clock.advanceMinutes(30);
    expect(await live(members[0])).toMatchObject({ phase: 'paused', round: 2 });
    await t.http().post(api('/rounds/pause')).set('Cookie', organizer.cookie).expect(409);
    await t.http().post(api('/rounds/start')).set('Cookie', organizer.cookie).expect(204);
    expect(await live(members[0])).toMatchObject({ phase: 'round', round: 2 });
    await t.http().delete(api('/presence')).set('Cookie', members[3].cookie).expect(204);
    expect((await live(members[3])).room).toBeNull();
    await t.http().post(api('/rounds/skip')).set('Cookie', organizer.cookie).expect(204);
    const third = await live(members[0]);
    expect(third).toMatchObject({ phase: 'round', round: 3 });
    const plan = await roomsOf(eventId);
    expect(plan.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(JSON.stringify(plan[2])).not.toContain(members[3].userId);
    await t.http().post(api('/rounds/nope')).set('Cookie', organizer.cookie).expect(404);
    await t.http().post(api('/rounds/end')).set('Cookie', organizer.cookie).expect(204);
    expect(await live(members[0])).toMatchObject({ phase: 'ended', room: null });
  });

  it('reports record the round and room, and only people met can be reported', async () => {
    const met = (await t.http().get(api('/met')).set('Cookie', members[0].cookie).expect(200)).body as Array<{
      userId: string;
    }>;
    expect(met.length).toBeGreaterThan(0);
    const target = met[0].userId;
    await t
      .http()
      .post(api('/reports'))
      .set('Cookie', members[0].cookie)
      .send({ userId: target, reason: 'Made me uncomfortable' })
      .expect(201);
    const stranger = await t
      .http()
      .post(api('/reports'))
      .set('Cookie', members[0].cookie)
      .send({ userId: outsider.userId, reason: 'x' })
      .expect(404);
    expect(stranger.body.code).toBe('NETWORKING_NOT_MET');
    const reports = await t.http().get(api('/reports')).set('Cookie', organizer.cookie).expect(200);
    expect(reports.body).toEqual([
      expect.objectContaining({
        reporterId: members[0].userId,
        reportedId: target,
        reason: 'Made me uncomfortable',
      }),
    ]);
    expect(reports.body[0].round).toBeGreaterThanOrEqual(1);
    expect(reports.body[0].roomId).toEqual(expect.any(String));
    await t.http().get(api('/reports')).set('Cookie', members[1].cookie).expect(403);
    // The group's moderation queue has it too, and resolving takes it out of the open list.
    const queue = await t
      .http()
      .get('/api/groups/net/networking-reports')
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(queue.body).toEqual([
      expect.objectContaining({ id: reports.body[0].id, eventId, reason: 'Made me uncomfortable' }),
    ]);
    await t.http().get('/api/groups/net/networking-reports').set('Cookie', members[1].cookie).expect(403);
    await t
      .http()
      .post(`/api/groups/net/networking-reports/${reports.body[0].id}/resolve`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    expect(
      (await t.http().get('/api/groups/net/networking-reports').set('Cookie', organizer.cookie).expect(200))
        .body,
    ).toEqual([]);
    const resolved = await t
      .http()
      .get('/api/groups/net/networking-reports?status=resolved')
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(resolved.body).toHaveLength(1);
  });

  it('reveals stay-in-touch only when mutual: one mail each; a one-sided yes shows nowhere', async () => {
    const [a, b] = members;
    const metA = (await t.http().get(api('/met')).set('Cookie', a.cookie).expect(200)).body as Array<{
      userId: string;
    }>;
    // a met b in round 1 (the room of three); c is the one-sided case.
    const c = members.find((m) => m !== a && m !== b && metA.some((x) => x.userId === m.userId)) as Person;
    expect(metA.map((x) => x.userId)).toContain(b.userId);
    await t
      .http()
      .put(api(`/met/${b.userId}/stay-in-touch`))
      .set('Cookie', a.cookie)
      .send({ contact: 'ash@signal.example', message: 'Coffee?' })
      .expect(200, { mutual: false });
    await t
      .http()
      .put(api(`/met/${c.userId}/stay-in-touch`))
      .set('Cookie', a.cookie)
      .send({ contact: 'ash-secret-contact', message: 'one-sided note' })
      .expect(200, { mutual: false });
    // Nobody else sees a one-sided yes: not c, not the organizer, not c's export.
    const cMet = await t.http().get(api('/met')).set('Cookie', c.cookie).expect(200);
    const plan = await t.http().get(api('/plan')).set('Cookie', organizer.cookie).expect(200);
    const cExport = await t.http().get('/api/me/export').set('Cookie', c.cookie).expect(200);
    for (const seen of [cMet.body, plan.body, cExport.body])
      expect(JSON.stringify(seen)).not.toMatch(/ash-secret-contact|one-sided note|ash@signal/);
    expect(cMet.body.find((x: { userId: string }) => x.userId === a.userId)).toMatchObject({
      mutual: null,
      myIntent: null,
    });
    // The author's own export holds their own answers.
    const aExport = await t.http().get('/api/me/export').set('Cookie', a.cookie).expect(200);
    expect(JSON.stringify(aExport.body.networking)).toContain('ash-secret-contact');

    const mutual = await t
      .http()
      .put(api(`/met/${a.userId}/stay-in-touch`))
      .set('Cookie', b.cookie)
      .send({ contact: 'bo@example.org' })
      .expect(200);
    expect(mutual.body).toEqual({ mutual: true });
    const toA = await t.smtp.waitFor(a.email, (m) => /Stay in touch/.test(m.parsed.subject ?? ''));
    const toB = await t.smtp.waitFor(b.email, (m) => /Stay in touch/.test(m.parsed.subject ?? ''));
    expect(toA.parsed.text).toContain('bo@example.org');
    expect(toB.parsed.text).toContain('ash@signal.example');
    expect(toB.parsed.text).toContain('Coffee?');
    expect(toB.parsed.subject).toContain('Ash');
    // Answering again sends nothing more.
    await t
      .http()
      .put(api(`/met/${a.userId}/stay-in-touch`))
      .set('Cookie', b.cookie)
      .send({ contact: 'bo@example.org' })
      .expect(200, { mutual: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.to(a.email).filter((m) => /Stay in touch/.test(m.parsed.subject ?? ''))).toHaveLength(1);
    expect(t.smtp.to(c.email).filter((m) => /Stay in touch/.test(m.parsed.subject ?? ''))).toHaveLength(0);
    const bMet = await t.http().get(api('/met')).set('Cookie', b.cookie).expect(200);
    expect(bMet.body.find((x: { userId: string }) => x.userId === a.userId).mutual).toEqual({
      contact: 'ash@signal.example',
      message: 'Coffee?',
    });
  });

  it('never matches a blocked pair again in the group, and keeps the block private', async () => {
    const [a, b] = members;
    await t.http().post(api('/blocks')).set('Cookie', a.cookie).send({ userId: b.userId }).expect(204);
    await t.http().post(api('/blocks')).set('Cookie', a.cookie).send({ userId: outsider.userId }).expect(204);
    const mine = await t.http().get(api('/blocks')).set('Cookie', a.cookie).expect(200);
    expect(mine.body.map((x: { userId: string }) => x.userId).sort()).toEqual(
      [b.userId, outsider.userId].sort(),
    );
    expect((await t.http().get(api('/blocks')).set('Cookie', b.cookie).expect(200)).body).toEqual([]);

    const start = inDays(5);
    const next = await createEvent('virtual_networking', start);
    await t
      .http()
      .put(`/api/events/${next}/networking/settings`)
      .set('Cookie', organizer.cookie)
      .send({ rounds: 3, roundMinutes: 10, breakMinutes: 0, groupSize: 2, useInterests: false })
      .expect(200);
    for (const m of members) {
      await rsvp(m, next);
      await t
        .http()
        .put(`/api/events/${next}/networking/participation`)
        .set('Cookie', m.cookie)
        .send({ showAs: 'display_name' })
        .expect(204);
      await t.http().post(`/api/events/${next}/networking/presence`).set('Cookie', m.cookie).expect(204);
    }
    clock.set(start);
    await t
      .http()
      .post(`/api/events/${next}/networking/rounds/start`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    for (let round = 1; round < 3; round++) {
      clock.advanceMinutes(10);
      await live(a, next);
    }
    const rounds = await roomsOf(next);
    expect(rounds).toHaveLength(3);
    for (const r of rounds)
      for (const room of r.rooms) {
        const ids = room.members.map((m) => m.userId);
        expect(ids.includes(a.userId) && ids.includes(b.userId)).toBe(false);
      }
    const plan = await t
      .http()
      .get(`/api/events/${next}/networking/plan`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(JSON.stringify(plan.body)).not.toMatch(/block/i);
  });

  it('deletes a member’s networking data with their account', async () => {
    const leaving = members[2];
    await t
      .http()
      .delete('/api/me')
      .set('Cookie', leaving.cookie)
      .send({ confirm: leaving.email })
      .expect(204);
    const tables: Array<[string, string]> = [
      ['networking_participants', 'user_id'],
      ['networking_assignments', 'user_id'],
      ['networking_blocks', 'blocker_id'],
      ['networking_blocks', 'blocked_id'],
      ['networking_intents', 'from_user_id'],
      ['networking_intents', 'to_user_id'],
      ['networking_reports', 'reporter_id'],
      ['networking_reports', 'reported_id'],
    ];
    for (const [table, column] of tables) {
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [
        leaving.userId,
      ]);
      expect(rows[0].n).toBe(0);
    }
  });
});
