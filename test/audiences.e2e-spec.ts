import { settleFanout } from './support/fanout';
import { TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';

/**
 * Issue 12.1, audiences: who an event's invitation goes to — the topic's participants, all members,
 * roles, pasted people (members or not) — added later idempotently, previewed before confirming.
 */
describe('audiences (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let topicId: string;
  let posters: Person[];
  let quiet: Person;
  let moderator: Person;
  let banned: Person;
  let optedOut: Person;
  const slug = 'aud';

  const join = async (p: Person, group = slug, by = organizer) => {
    const res = await t.http().post(`/api/groups/${group}/join`).set('Cookie', p.cookie).expect(200);
    if (res.body.status === 'pending')
      await t
        .http()
        .patch(`/api/groups/${group}/members/${p.userId}`)
        .set('Cookie', by.cookie)
        .send({ status: 'active' })
        .expect(200);
  };
  const setMember = (p: Person, body: Record<string, string>) =>
    t
      .http()
      .patch(`/api/groups/${slug}/members/${p.userId}`)
      .set('Cookie', organizer.cookie)
      .send(body)
      .expect(200);

  const eventBody = (title: string, extra: Record<string, unknown> = {}) => {
    const startsAt = inDays(12);
    return {
      kind: 'in_person',
      title,
      startsAt,
      endsAt: hoursAfter(startsAt, 2),
      timezone: 'Europe/Berlin',
      venueName: 'Community room',
      venueAddress: 'Hidden Lane 7, Berlin',
      locationVisibility: 'attendees',
      ...extra,
    };
  };
  const createEvent = async (
    title: string,
    extra: Record<string, unknown> = {},
    group = slug,
    who = organizer,
  ) => {
    const res = await t
      .http()
      .post(`/api/groups/${group}/events`)
      .set('Cookie', who.cookie)
      .send(eventBody(title, extra));
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // Invitations are created by the fan-out job the request recorded: wait for it first.
  const invitedIds = async (eventId: string): Promise<string[]> => {
    await settleFanout(t);
    const rows: Array<{ user_id: string }> = await t.dataSource.query(
      `SELECT user_id FROM invitations WHERE event_id = $1 ORDER BY user_id`,
      [eventId],
    );
    return rows.map((r) => r.user_id);
  };
  const invitationMail = (eventId: string, userId: string) =>
    waitUntil(async () => {
      const rows: Array<{ text_body: string }> = await t.dataSource.query(
        `SELECT text_body FROM outbox_messages WHERE user_id = $1 AND purpose = 'event_invitation'
            AND ordering_key = 'event:' || $2 || ':user:' || $1`,
        [userId, eventId],
      );
      return rows[0];
    });
  const addPeople = (eventId: string, body: Record<string, unknown>, who = organizer) =>
    t.http().post(`/api/events/${eventId}/invitations`).set('Cookie', who.cookie).send(body);
  const sorted = (...people: Person[]) => people.map((p) => p.userId).sort();

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, topicId, participants: posters } = await groupWithTopic(t, slug, { participants: 2 }));
    quiet = await person(t, 'quiet@aud.test', 'Quiet Reader');
    moderator = await person(t, 'mod@aud.test', 'Mo Derator');
    banned = await person(t, 'banned@aud.test', 'Banned Person');
    optedOut = await person(t, 'optout@aud.test', 'Opted Out');
    for (const p of [quiet, moderator, banned, optedOut]) await join(p);
    await setMember(moderator, { role: 'moderator' });
    await setMember(banned, { status: 'banned' });
    await t.dataSource.query(`INSERT INTO mail_opt_outs (user_id, category) VALUES ($1, 'announcements')`, [
      optedOut.userId,
    ]);
  });
  afterAll(() => t.close());

  it("a series invites the topic's participants by default, and everyone with allMembers — the quiet member too", async () => {
    const plain = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Default', events: [eventBody('Default follow-up')] })
      .expect(201);
    const defaultEvent = plain.body.events[0].id as string;
    expect(await invitedIds(defaultEvent)).toEqual(sorted(organizer, ...posters));

    const all = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Everyone', events: [eventBody('Everyone follow-up')], audience: { allMembers: true } })
      .expect(201);
    const allEvent = all.body.events[0].id as string;
    // Banned members are never invited; the opted-out member is invited but not mailed.
    expect(await invitedIds(allEvent)).toEqual(sorted(organizer, ...posters, quiet, moderator, optedOut));
    const mail = await invitationMail(allEvent, quiet.userId);
    expect(mail.text_body).toContain('Everyone follow-up');
    const optedOutMail = await t.dataSource.query(`SELECT 1 FROM outbox_messages WHERE user_id = $1`, [
      optedOut.userId,
    ]);
    expect(optedOutMail).toHaveLength(0);
  });

  it('invites nobody to a new group event by default, members with given roles, and only participants when asked', async () => {
    const nobody = await createEvent('Nobody yet');
    expect(await invitedIds(nobody)).toEqual([]);
    const mods = await createEvent('Moderators meeting', { audience: { roles: ['moderator', 'owner'] } });
    expect(await invitedIds(mods)).toEqual(sorted(organizer, moderator));
    await invitationMail(mods, moderator.userId);
    const noTopic = await addPeople(nobody, { topicParticipants: true }).expect(400);
    expect(noTopic.body.code).toBe('VALIDATION_FAILED');
  });

  it('reads a pasted list (names, commas, newlines, duplicates), creates accounts for unknown addresses who can RSVP by link, and adds again only the new ones', async () => {
    const eventId = await createEvent('Pasted people');
    const pasted = [
      `Quiet Reader <QUIET@aud.test>, "Newcomer, Jr." <new.comer@elsewhere.test>`,
      `mod@aud.test; quiet@aud.test`,
      `new.comer@ELSEWHERE.test`,
      ``,
    ].join('\n');
    const first = await addPeople(eventId, { people: pasted }).expect(200);
    expect(first.body).toEqual({
      invited: 3,
      alreadyInvited: 0,
      optedOut: 0,
      banned: 0,
      guests: 1,
      jobId: expect.any(String),
    });
    const [created] = await t.dataSource.query(
      `SELECT id, email, display_name FROM users WHERE lower(email) = $1`,
      ['new.comer@elsewhere.test'],
    );
    expect(created.display_name).toBe('Newcomer, Jr.');
    expect(await invitedIds(eventId)).toEqual([quiet.userId, moderator.userId, created.id].sort());

    // The new account (not a member) opens the event by the link in its mail and answers.
    const mail = await invitationMail(eventId, created.id);
    const link = new URL(linkIn(mail.text_body, /\/rsvp\/[^?]+\?answer=going/));
    const page = await t.http().get(`${link.pathname}${link.search}`).expect(200);
    expect(page.text).toContain('Pasted people');
    await t.http().post(link.pathname).type('form').send({ answer: 'going' }).expect(200);
    const [rsvp] = await t.dataSource.query(`SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`, [
      eventId,
      created.id,
    ]);
    expect(rsvp.status).toBe('going');

    const again = await addPeople(eventId, { people: `${pasted}\nposter <${posters[0].email}>` }).expect(200);
    expect(again.body).toEqual({
      invited: 1,
      alreadyInvited: 3,
      optedOut: 0,
      banned: 0,
      guests: 1,
      jobId: expect.any(String),
    });
    const count = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM invitations WHERE event_id = $1 AND user_id = $2`,
      [eventId, quiet.userId],
    );
    expect(count[0].n).toBe(1);
  });

  it('refuses a list with invalid entries (422 naming them) and invites nobody, creates no account', async () => {
    const eventId = await createEvent('Typos');
    const res = await addPeople(eventId, {
      people: 'ok.person@elsewhere.test, not an address\nbroken@, "Unclosed <x@y.test>',
    }).expect(422);
    expect(res.body.code).toBe('AUDIENCE_INVALID');
    expect(res.body.details.invalid).toEqual(['not an address', 'broken@', '"Unclosed <x@y.test>']);
    expect(res.body.details.fields[0].field).toBe('people');
    expect(await invitedIds(eventId)).toEqual([]);
    const accounts = await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'ok.person@elsewhere.test'`);
    expect(accounts).toHaveLength(0);
    const onCreate = await t
      .http()
      .post(`/api/groups/${slug}/events`)
      .set('Cookie', organizer.cookie)
      .send(eventBody('Never made', { audience: { people: 'nope' } }))
      .expect(422);
    expect(onCreate.body.details.fields[0].field).toBe('audience.people');
    expect(await t.dataSource.query(`SELECT 1 FROM events WHERE title = 'Never made'`)).toHaveLength(0);
  });

  it('an edit may add people: they are invited after the change, and get the new version', async () => {
    const eventId = await createEvent('Edited', { audience: { people: quiet.email } });
    const res = await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set('Cookie', organizer.cookie)
      .send({ title: 'Edited and moved', audience: { roles: ['moderator'], people: quiet.email } })
      .expect(200);
    expect(res.body.title).toBe('Edited and moved');
    expect(await invitedIds(eventId)).toEqual(sorted(quiet, moderator));
    const mail = await invitationMail(eventId, moderator.userId);
    expect(mail.text_body).toContain('Edited and moved');
  });

  it('never invites a banned member, even named', async () => {
    const eventId = await createEvent('No banned');
    const res = await addPeople(eventId, { allMembers: true, people: banned.email }).expect(200);
    expect(res.body.banned).toBe(1);
    expect(await invitedIds(eventId)).not.toContain(banned.userId);
  });

  it('previews the counts (to invite, already invited, opted out, banned, guests, invalid) without changing anything', async () => {
    const eventId = await createEvent('Preview me', { audience: { people: quiet.email } });
    await settleFanout(t);
    const body = {
      allMembers: true,
      people: `${banned.email}\nstranger@elsewhere.test\nnot-an-address`,
    };
    const preview = await t
      .http()
      .post(`/api/events/${eventId}/invitations/preview`)
      .set('Cookie', organizer.cookie)
      .send(body)
      .expect(200);
    // Members: organizer, 2 posters, quiet (already), moderator, opted out; banned; plus one stranger.
    expect(preview.body).toEqual({
      toInvite: 5,
      alreadyInvited: 1,
      optedOut: 1,
      banned: 1,
      guests: 1,
      invalid: ['not-an-address'],
    });
    expect(await invitedIds(eventId)).toEqual([quiet.userId]);
    expect(
      await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'stranger@elsewhere.test'`),
    ).toHaveLength(0);

    const forSeries = await t
      .http()
      .post(`/api/groups/${slug}/audience-preview`)
      .set('Cookie', organizer.cookie)
      .send({ topicId, topicParticipants: true })
      .expect(200);
    expect(forSeries.body).toMatchObject({ toInvite: 3, alreadyInvited: 0, banned: 0, invalid: [] });
    await t
      .http()
      .post(`/api/groups/${slug}/audience-preview`)
      .set('Cookie', quiet.cookie)
      .send({ allMembers: true })
      .expect(403);
  });

  it('lets a named guest of a private group see and answer that one event, not its venue, not the group', async () => {
    const { organizer: owner } = await groupWithTopic(t, 'audpriv', { visibility: 'private' });
    const eventId = await createEvent(
      'Private evening',
      { audience: { people: 'Guest Star <guest@outside.test>' }, attendeeVisibility: 'names' },
      'audpriv',
      owner,
    );
    const guest = await person(t, 'guest@outside.test');
    expect(await invitedIds(eventId)).toEqual([guest.userId]);
    const seen = await t.http().get(`/api/events/${eventId}`).set('Cookie', guest.cookie).expect(200);
    expect(JSON.stringify(seen.body)).not.toContain('Hidden Lane 7');
    await t.http().get('/api/groups/audpriv').set('Cookie', guest.cookie).expect(404);
    await t.http().get('/api/groups/audpriv/events').set('Cookie', guest.cookie).expect(404);
    const mail = await invitationMail(eventId, guest.userId);
    expect(mail.text_body).not.toContain('Hidden Lane 7');
    const link = new URL(linkIn(mail.text_body, /\/rsvp\/[^?]+\?answer=maybe/));
    const page = await t.http().get(`${link.pathname}${link.search}`).expect(200);
    expect(page.text).toContain('Private evening');
    expect(page.text).not.toContain('Hidden Lane 7');
    await t.http().post(link.pathname).type('form').send({ answer: 'maybe' }).expect(200);
    const other = await createEvent('Not for guests', {}, 'audpriv', owner);
    await t.http().get(`/api/events/${other}`).set('Cookie', guest.cookie).expect(404);
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', guest.cookie)
      .send({ status: 'going' })
      .expect(200);
    const going = await t.http().get(`/api/events/${eventId}`).set('Cookie', guest.cookie).expect(200);
    expect(JSON.stringify(going.body)).toContain('Hidden Lane 7');
    // The event shows names, but not to a guest: who from the private group goes is theirs to know.
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', owner.cookie)
      .send({ status: 'going' })
      .expect(200);
    const seenByGuest = await t
      .http()
      .get(`/api/events/${eventId}/rsvps`)
      .set('Cookie', guest.cookie)
      .expect(200);
    expect(seenByGuest.body).toEqual({ items: [], goingCount: 2 });
    const seenByOwner = await t
      .http()
      .get(`/api/events/${eventId}/rsvps`)
      .set('Cookie', owner.cookie)
      .expect(200);
    expect(seenByOwner.body.items).toHaveLength(2);
  });

  it('answers the same for a non-member with an account (opted out) as for an address without one', async () => {
    const outsider = await person(t, 'outsider@elsewhere.test', 'Out Sider');
    await t.dataSource.query(`INSERT INTO mail_opt_outs (user_id, category) VALUES ($1, 'announcements')`, [
      outsider.userId,
    ]);
    const eventId = await createEvent('Who has an account?');
    const answers = [];
    for (const address of [outsider.email, 'no.account@elsewhere.test']) {
      const forGroup = await t
        .http()
        .post(`/api/groups/${slug}/audience-preview`)
        .set('Cookie', organizer.cookie)
        .send({ people: address })
        .expect(200);
      const forEvent = await t
        .http()
        .post(`/api/events/${eventId}/invitations/preview`)
        .set('Cookie', organizer.cookie)
        .send({ people: address })
        .expect(200);
      const added = await addPeople(eventId, { people: address }).expect(200);
      answers.push([forGroup.body, forEvent.body, { ...added.body, jobId: null }]);
    }
    const preview = { toInvite: 1, alreadyInvited: 0, optedOut: 0, banned: 0, guests: 1, invalid: [] };
    const outcome = { invited: 1, alreadyInvited: 0, optedOut: 0, banned: 0, guests: 1, jobId: null };
    expect(answers[0]).toEqual([preview, preview, outcome]);
    expect(answers[1]).toEqual(answers[0]);
    // Nor does the invitation list tell them apart: a guest's instance-wide opt-out is not shown.
    await settleFanout(t);
    const list = await t
      .http()
      .get(`/api/events/${eventId}/invitations`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(list.body.counts).toMatchObject({ invited: 2, opted_out: 0 });
  });

  it("caps the guests one person invites a day (429, nothing written), members named don't count", async () => {
    const { organizer: owner } = await groupWithTopic(t, 'audcap');
    const member = await person(t, 'capped.member@aud.test');
    await join(member, 'audcap', owner);
    const eventId = await createEvent('Capped', {}, 'audcap', owner);
    const list = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `cap${from + i}@cap.test`).join('\n');
    const allowance = t.env.AUDIENCE_GUESTS_PER_DAY;
    t.env.AUDIENCE_GUESTS_PER_DAY = 5;
    try {
      const tooBig = await addPeople(eventId, { people: list(0, 6) }, owner).expect(422);
      expect(tooBig.body.code).toBe('AUDIENCE_INVALID');
      const first = await addPeople(eventId, { people: `${list(0, 3)}\n${member.email}` }, owner).expect(200);
      expect(first.body).toMatchObject({ invited: 4, guests: 3 });
      const over = await addPeople(eventId, { people: list(3, 3) }, owner).expect(429);
      expect(over.body.code).toBe('RATE_LIMITED');
      expect(over.body.details.retryAfterSeconds).toBeGreaterThan(0);
      expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'cap3@cap.test'`)).toHaveLength(0);
      await addPeople(eventId, { people: `${member.email}\n${owner.email}` }, owner).expect(200);
    } finally {
      t.env.AUDIENCE_GUESTS_PER_DAY = allowance;
    }
  });

  it('rate-limits previews per person (120 a minute)', async () => {
    const { organizer: owner } = await groupWithTopic(t, 'audpeek');
    const peek = () =>
      t
        .http()
        .post('/api/groups/audpeek/audience-preview')
        .set('Cookie', owner.cookie)
        .send({ people: 'a@b.test' });
    // A fixed one-minute window: should it turn during the loop, more than 120 pass before the 429.
    let passed = 0;
    let limited: { status: number; body: { code?: string } } | null = null;
    while (!limited && passed <= 240) {
      const res = await peek();
      if (res.status === 200) passed++;
      else limited = res;
    }
    expect(passed).toBeGreaterThanOrEqual(120);
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    // Another organizer is not held back.
    await t
      .http()
      .post(`/api/groups/${slug}/audience-preview`)
      .set('Cookie', organizer.cookie)
      .send({ allMembers: true })
      .expect(200);
  });

  it('accepts 10,000 pasted addresses in one request (accounts in one statement)', async () => {
    const eventId = await createEvent('Big list', { status: 'draft' });
    const people = Array.from({ length: 10_000 }, (_, i) => `Person ${i} <p${i}@bulk.test>`).join('\n');
    const preview = await t
      .http()
      .post(`/api/events/${eventId}/invitations/preview`)
      .set('Cookie', organizer.cookie)
      .send({ people })
      .expect(200);
    expect(preview.body).toMatchObject({ toInvite: 10_000, guests: 10_000 });
    // Strangers all: over the default daily allowance of guests, so this test raises it.
    const allowance = t.env.AUDIENCE_GUESTS_PER_DAY;
    t.env.AUDIENCE_GUESTS_PER_DAY = 20_000;
    try {
      const res = await addPeople(eventId, { people }).expect(200);
      expect(res.body).toMatchObject({ invited: 10_000, guests: 10_000 });
    } finally {
      t.env.AUDIENCE_GUESTS_PER_DAY = allowance;
    }
    expect(await invitedIds(eventId)).toHaveLength(10_000);
    const tooMany = await addPeople(eventId, { people: `${people}\none.more@bulk.test` }).expect(422);
    expect(tooMany.body.code).toBe('AUDIENCE_INVALID');
  }, 120_000);
});
