import { TestApp, startTestApp } from './support/app';
import { settleFanout } from './support/fanout';
import { Person, groupWithTopic, hoursAfter, inDays, person } from './support/fixtures';

const plan = () => {
  const discussion = inDays(7);
  const meetup = inDays(14);
  const networking = inDays(21);
  return {
    title: 'After the autumn topic',
    events: [
      {
        kind: 'online_discussion',
        title: 'Online discussion',
        startsAt: discussion,
        endsAt: hoursAfter(discussion, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/discuss',
        capacity: 30,
      },
      {
        kind: 'in_person',
        title: 'Meetup at the café',
        startsAt: meetup,
        endsAt: hoursAfter(meetup, 2),
        timezone: 'Europe/Berlin',
        venueName: 'Café Regenbogen',
        venueAddress: 'Hidden Street 1, Berlin',
        accessibility: { stepFreeAccess: true, allGenderToilet: true, notes: 'Quiet corner available' },
        capacity: 2,
        guestsAllowed: 1,
        questions: [{ id: 'access', label: 'Any access needs?', required: false }],
      },
      {
        kind: 'virtual_networking',
        title: 'Networking',
        startsAt: networking,
        endsAt: hoursAfter(networking, 1),
        timezone: 'Europe/Berlin',
        joinUrl: 'https://meet.example.org/net',
        tags: ['networking'],
      },
    ],
  };
};

describe('series, events and RSVPs (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let topicId: string;
  let participants: Person[];

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, topicId, participants } = await groupWithTopic(t, 'autumn', { participants: 4 }));
  });
  afterAll(() => t.close());

  it('schedules a three-event series from a topic and invites every participant', async () => {
    const res = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send(plan())
      .expect(201);
    expect(res.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'online_discussion',
      'in_person',
      'virtual_networking',
    ]);
    // The request records one fan-out job per event; the worker invites and mails in the background.
    expect(res.body.jobIds).toHaveLength(3);
    await settleFanout(t);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM invitations i JOIN events e ON e.id = i.event_id WHERE e.series_id = $1`,
      [res.body.id],
    );
    // Organizer (topic author) + 4 posters, for each of 3 events.
    expect(count).toBe(15);
    const mail = await t.smtp.waitFor(participants[0].email, (m) =>
      (m.parsed.subject ?? '').includes('Meetup at the café'),
    );
    expect(mail.parsed.text).not.toContain('Hidden Street');
    expect(mail.parsed.text).toMatch(/\/rsvp\/[^?\s]+\?answer=going/);
    const replyTo = mail.parsed.replyTo?.value[0].address ?? '';
    expect(replyTo).toMatch(/^rsvp\+[0-9a-f]{52}@hearth\.localhost$/);
  });

  it('creates nothing when one event of the plan is invalid', async () => {
    const bad = plan();
    bad.events[2] = { ...bad.events[2], endsAt: bad.events[2].startsAt };
    const before = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM series)::int AS s, (SELECT count(*) FROM events)::int AS e, (SELECT count(*) FROM invitations)::int AS i`,
    );
    const res = await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send(bad)
      .expect(422);
    expect(res.body.code).toBe('EVENT_ENDS_BEFORE_START');
    expect(res.body.details.fields).toEqual([
      expect.objectContaining({ field: 'events.2.endsAt', problems: ['endsAt must be after startsAt'] }),
    ]);
    const shapeError = plan();
    (shapeError.events[1] as Record<string, unknown>).capacity = -1;
    await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', organizer.cookie)
      .send(shapeError)
      .expect(400);
    const after = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM series)::int AS s, (SELECT count(*) FROM events)::int AS e, (SELECT count(*) FROM invitations)::int AS i`,
    );
    expect(after).toEqual(before);
  });

  it('refuses a series from someone who does not organise the group', async () => {
    await t
      .http()
      .post(`/api/topics/${topicId}/series`)
      .set('Cookie', participants[0].cookie)
      .send(plan())
      .expect(403);
  });

  describe('RSVP rules', () => {
    let meetupId: string;

    beforeAll(async () => {
      const res = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send(plan().events[1])
        .expect(201);
      meetupId = res.body.id;
    });

    it('seats, counts guests, waitlists when full and promotes when a seat frees', async () => {
      const [a, b, c] = participants;
      const first = await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', a.cookie)
        .send({ status: 'going', guests: 1 })
        .expect(200);
      expect(first.body).toMatchObject({ status: 'going', guests: 1 });
      const second = await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', b.cookie)
        .send({ status: 'going' })
        .expect(200);
      expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      const third = await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', c.cookie)
        .send({ status: 'going' })
        .expect(200);
      expect(third.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

      const event = await t.http().get(`/api/events/${meetupId}`).set('Cookie', b.cookie).expect(200);
      expect(event.body.venueAddress).toBeNull();
      expect(event.body.locationHidden).toBe(true);

      await t.http().delete(`/api/events/${meetupId}/rsvps/me`).set('Cookie', a.cookie).expect(200);
      const promoted = await t
        .http()
        .get(`/api/events/${meetupId}/rsvps/me`)
        .set('Cookie', b.cookie)
        .expect(200);
      expect(promoted.body.status).toBe('going');
      const stillWaiting = await t
        .http()
        .get(`/api/events/${meetupId}/rsvps/me`)
        .set('Cookie', c.cookie)
        .expect(200);
      expect(stillWaiting.body).toMatchObject({ status: 'going' });
      const now = await t.http().get(`/api/events/${meetupId}`).set('Cookie', b.cookie).expect(200);
      expect(now.body.venueAddress).toBe('Hidden Street 1, Berlin');
      const mail = await t.smtp.waitFor(b.email, (m) =>
        (m.parsed.subject ?? '').startsWith('Your place is confirmed'),
      );
      expect(mail.parsed.text).toContain('Hidden Street 1, Berlin');
    });

    it('keeps one RSVP per person and one history entry per change, with its source', async () => {
      const d = participants[3];
      for (let i = 0; i < 3; i++)
        await t
          .http()
          .post(`/api/events/${meetupId}/rsvps`)
          .set('Cookie', d.cookie)
          .send({ status: 'maybe' })
          .expect(200);
      const history = await t
        .http()
        .get(`/api/events/${meetupId}/rsvp-history`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      const mine = history.body.filter((h: { userId: string }) => h.userId === d.userId);
      expect(mine).toEqual([expect.objectContaining({ from: null, to: 'maybe', source: 'web' })]);
    });

    it('validates guests, answers and ids with clear errors', async () => {
      const d = participants[3];
      const guests = await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', d.cookie)
        .send({ status: 'going', guests: 2 })
        .expect(422);
      expect(guests.body.code).toBe('TOO_MANY_GUESTS');
      const unknown = await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', d.cookie)
        .send({ status: 'going', answers: { nope: 'x' } })
        .expect(422);
      expect(unknown.body.code).toBe('ANSWERS_REQUIRED');
      await t
        .http()
        .post(`/api/events/${meetupId}/rsvps`)
        .set('Cookie', d.cookie)
        .send({ status: 'sure' })
        .expect(400);
      await t
        .http()
        .post(`/api/events/not-a-uuid/rsvps`)
        .set('Cookie', d.cookie)
        .send({ status: 'going' })
        .expect(400);
      await t
        .http()
        .post(`/api/events/00000000-0000-0000-0000-000000000000/rsvps`)
        .set('Cookie', d.cookie)
        .send({ status: 'going' })
        .expect(404);
      await t.http().post(`/api/events/${meetupId}/rsvps`).send({ status: 'going' }).expect(401);
    });

    it('lets organizers approve once, even when two approvals race', async () => {
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({ ...plan().events[1], capacity: 10, approvalRequired: true })
        .expect(201);
      const p = participants[0];
      const asked = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', p.cookie)
        .send({ status: 'going' })
        .expect(200);
      expect(asked.body.status).toBe('pending_approval');
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          t
            .http()
            .post(`/api/events/${ev.body.id}/rsvps/${p.userId}/approve`)
            .set('Cookie', organizer.cookie)
            .expect(200),
        ),
      );
      expect(results.filter((r) => r.body.changed)).toHaveLength(1);
      const history = await t
        .http()
        .get(`/api/events/${ev.body.id}/rsvp-history`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(history.body.filter((h: { to: string }) => h.to === 'going')).toHaveLength(1);
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps/${p.userId}/check-in`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps/${p.userId}/approve`)
        .set('Cookie', participants[1].cookie)
        .expect(404);
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps/${p.userId}/explode`)
        .set('Cookie', organizer.cookie)
        .expect(404);
    });

    it('requires the code of conduct when the event asks for it', async () => {
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({ ...plan().events[1], capacity: 10, cocRequired: true })
        .expect(201);
      const newcomer = await person(t, 'newcomer@autumn.test');
      const refused = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', newcomer.cookie)
        .send({ status: 'going' })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'COC_ACK_REQUIRED',
        details: { codeOfConduct: 'Be kind.' },
      });
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', newcomer.cookie)
        .send({ status: 'going', cocAcknowledged: true })
        .expect(200);
    });

    it('respects the RSVP window and refuses cancelled events', async () => {
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({ ...plan().events[1], rsvpOpensAt: inDays(3) })
        .expect(201);
      const early = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[0].cookie)
        .send({ status: 'going' })
        .expect(409);
      expect(early.body.code).toBe('RSVP_NOT_OPEN');
      await t.http().post(`/api/events/${ev.body.id}/cancel`).set('Cookie', organizer.cookie).expect(200);
      const cancelled = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[0].cookie)
        .send({ status: 'going' })
        .expect(409);
      expect(cancelled.body.code).toBe('EVENT_NOT_OPEN');
      await t
        .http()
        .patch(`/api/events/${ev.body.id}`)
        .set('Cookie', organizer.cookie)
        .send({ title: 'x' })
        .expect(409);
    });

    it('promotes from the waitlist when capacity is raised', async () => {
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({ ...plan().events[1], capacity: 1, guestsAllowed: 0 })
        .expect(201);
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[0].cookie)
        .send({ status: 'going' })
        .expect(200);
      const waiting = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[1].cookie)
        .send({ status: 'going' })
        .expect(200);
      expect(waiting.body.status).toBe('waitlisted');
      await t
        .http()
        .patch(`/api/events/${ev.body.id}`)
        .set('Cookie', organizer.cookie)
        .send({ capacity: 2 })
        .expect(200);
      const after = await t
        .http()
        .get(`/api/events/${ev.body.id}/rsvps/me`)
        .set('Cookie', participants[1].cookie)
        .expect(200);
      expect(after.body.status).toBe('going');
    });

    it('separates in-person and online seats for hybrid events', async () => {
      const start = inDays(9);
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({
          kind: 'hybrid',
          title: 'Hybrid',
          startsAt: start,
          endsAt: hoursAfter(start, 1),
          timezone: 'Europe/Berlin',
          capacity: 1,
          onlineCapacity: 1,
          venueName: 'Hall',
          joinUrl: 'https://meet.example.org/h',
        })
        .expect(201);
      const noMode = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[0].cookie)
        .send({ status: 'going' })
        .expect(422);
      expect(noMode.body.code).toBe('MODE_REQUIRED');
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[0].cookie)
        .send({ status: 'going', mode: 'in_person' })
        .expect(200);
      const online = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[1].cookie)
        .send({ status: 'going', mode: 'online' })
        .expect(200);
      expect(online.body.status).toBe('going');
      const full = await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', participants[2].cookie)
        .send({ status: 'going', mode: 'in_person' })
        .expect(200);
      expect(full.body.status).toBe('waitlisted');
    });
  });

  describe('attendee export', () => {
    it('exports RFC 4180 CSV with formula cells escaped, for organizers only', async () => {
      const ev = await t
        .http()
        .post('/api/groups/autumn/events')
        .set('Cookie', organizer.cookie)
        .send({
          ...plan().events[1],
          capacity: 10,
          questions: [{ id: 'note', label: 'Note', required: false }],
        })
        .expect(201);
      const evil = await person(t, 'evil@autumn.test', '=HYPERLINK("http://x")');
      await t
        .http()
        .post(`/api/events/${ev.body.id}/rsvps`)
        .set('Cookie', evil.cookie)
        .send({ status: 'going', answers: { note: '@SUM(1,2)' } })
        .expect(200);
      const csv = await t
        .http()
        .get(`/api/events/${ev.body.id}/rsvps.csv`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(csv.text).toContain(`"'@SUM(1,2)"`);
      expect(csv.text.split('\r\n')[0]).toBe(
        'Display name,Pronouns,Status,Waitlist position,Mode,Guests,Note,Checked in at',
      );
      await t.http().get(`/api/events/${ev.body.id}/rsvps.csv`).set('Cookie', evil.cookie).expect(403);
    });
  });

  describe('recurring series', () => {
    it('materialises occurrences and edits one, or this and following', async () => {
      // December of next year: ahead of now, and winter time (+01:00) in Berlin all month.
      const y = new Date().getUTCFullYear() + 1;
      const start = `${y}-12-01T18:00:00+01:00`;
      const res = await t
        .http()
        .post(`/api/topics/${topicId}/series`)
        .set('Cookie', organizer.cookie)
        .send({
          title: 'Weekly check-in',
          events: [
            {
              kind: 'online_discussion',
              title: 'Check-in',
              startsAt: start,
              endsAt: `${y}-12-01T19:00:00+01:00`,
              timezone: 'Europe/Berlin',
              joinUrl: 'https://meet.example.org/w',
            },
          ],
          recurrence: { rule: 'FREQ=WEEKLY;COUNT=4', until: `${y + 1}-06-01T00:00:00Z` },
        })
        .expect(201);
      const ids: string[] = res.body.events.map((e: { id: string }) => e.id);
      expect(res.body.events.map((e: { startsAt: string }) => e.startsAt)).toEqual([
        `${y}-12-01T17:00:00.000Z`,
        `${y}-12-08T17:00:00.000Z`,
        `${y}-12-15T17:00:00.000Z`,
        `${y}-12-22T17:00:00.000Z`,
      ]);
      await t
        .http()
        .patch(`/api/events/${ids[0]}`)
        .set('Cookie', organizer.cookie)
        .send({ title: 'First check-in' })
        .expect(200);
      const following = await t
        .http()
        .patch(`/api/events/${ids[2]}`)
        .set('Cookie', organizer.cookie)
        .send({
          scope: 'following',
          startsAt: `${y}-12-15T19:00:00+01:00`,
          endsAt: `${y}-12-15T20:00:00+01:00`,
        })
        .expect(200);
      expect(following.body.items.map((e: { startsAt: string }) => e.startsAt)).toEqual([
        `${y}-12-15T18:00:00.000Z`,
        `${y}-12-22T18:00:00.000Z`,
      ]);
      const series = await t
        .http()
        .get(`/api/series/${res.body.id}`)
        .set('Cookie', organizer.cookie)
        .expect(200);
      expect(
        series.body.events.map((e: { title: string; startsAt: string; sequence: number }) => [
          e.title,
          e.startsAt,
          e.sequence,
        ]),
      ).toEqual([
        ['First check-in', `${y}-12-01T17:00:00.000Z`, 1],
        ['Check-in', `${y}-12-08T17:00:00.000Z`, 0],
        ['Check-in', `${y}-12-15T18:00:00.000Z`, 1],
        ['Check-in', `${y}-12-22T18:00:00.000Z`, 1],
      ]);
      const bad = await t
        .http()
        .post(`/api/topics/${topicId}/series`)
        .set('Cookie', organizer.cookie)
        .send({
          title: 'Bad',
          events: [
            {
              kind: 'online_discussion',
              title: 'x',
              startsAt: start,
              endsAt: `${y}-12-01T19:00:00+01:00`,
              timezone: 'Europe/Berlin',
            },
          ],
          recurrence: { rule: 'FREQ=SOMETIMES', until: `${y + 1}-01-01T00:00:00Z` },
        })
        .expect(422);
      expect(bad.body.code).toBe('RECURRENCE_INVALID');
    });
  });

  describe('when events may happen', () => {
    let org: Person;
    let timesTopic: string;
    const y = new Date().getUTCFullYear() + 1;
    /** The last Sunday of a month of next year: when Europe changes clocks in March and October. */
    const lastSunday = (month: number): number => {
      for (let day = 31; ; day--) {
        const d = new Date(Date.UTC(y, month - 1, day));
        if (d.getUTCMonth() === month - 1 && d.getUTCDay() === 0) return day;
      }
    };
    const event = (fields: Record<string, unknown>) => ({
      kind: 'online_discussion',
      title: 'Talk',
      startsAt: inDays(5),
      endsAt: hoursAfter(inDays(5), 1),
      timezone: 'Europe/Berlin',
      ...fields,
    });
    const create = (fields: Record<string, unknown>) =>
      t.http().post('/api/groups/times/events').set('Cookie', org.cookie).send(event(fields));
    const fieldsOf = (body: { details?: { fields?: Array<{ field: string }> } }) =>
      (body.details?.fields ?? []).map((f) => f.field);

    beforeAll(async () => {
      ({ organizer: org, topicId: timesTopic } = await groupWithTopic(t, 'times', {
        visibility: 'private',
        participants: 2,
      }));
    });

    it('refuses a new event that starts in the past, naming startsAt', async () => {
      const res = await create({
        startsAt: '2020-03-01T19:00:00+01:00',
        endsAt: '2020-03-01T21:00:00+01:00',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'EVENT_STARTS_IN_PAST' });
      expect(fieldsOf(res.body)).toEqual(['startsAt']);
    });

    it('refuses an end before the start (20:00 to 19:00) instead of reading it as the next day', async () => {
      const res = await create({ startsAt: `${y}-06-10T20:00`, endsAt: `${y}-06-10T19:00` });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EVENT_ENDS_BEFORE_START');
      expect(fieldsOf(res.body)).toEqual(['endsAt']);
    });

    it('takes at most 14 days unless the organizer confirms a longer event', async () => {
      const long = { startsAt: inDays(10), endsAt: inDays(25) };
      const res = await create(long);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EVENT_TOO_LONG');
      expect(fieldsOf(res.body)).toEqual(['endsAt']);
      await create({ ...long, confirmLongEvent: 'yes' }).expect(400);
      const ok = await create({ ...long, confirmLongEvent: true }).expect(201);
      expect(ok.body.endsAt).toBe(long.endsAt);
    });

    it('checks every event of a series plan and every occurrence of a recurrence, creating nothing on failure', async () => {
      const count = async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;
      const before = await count();
      const plan = {
        title: 'Plan',
        events: [
          event({ title: 'Soon' }),
          event({ title: 'Past', startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T11:00:00Z' }),
        ],
      };
      const res = await t
        .http()
        .post(`/api/topics/${timesTopic}/series`)
        .set('Cookie', org.cookie)
        .send(plan);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EVENT_STARTS_IN_PAST');
      expect(fieldsOf(res.body)).toEqual(['events.1.startsAt']);
      const recurring = await t
        .http()
        .post(`/api/topics/${timesTopic}/series`)
        .set('Cookie', org.cookie)
        .send({
          title: 'Weekly, from the past',
          events: [event({ startsAt: '2020-01-07T18:00:00+01:00', endsAt: '2020-01-07T19:00:00+01:00' })],
          recurrence: { rule: 'FREQ=WEEKLY;COUNT=3', until: `${y}-01-01T00:00:00Z` },
        });
      expect(recurring.status).toBe(422);
      expect(recurring.body.code).toBe('EVENT_STARTS_IN_PAST');
      expect(fieldsOf(recurring.body)).toEqual(['events.0.startsAt']);
      const backwards = await t
        .http()
        .post(`/api/topics/${timesTopic}/series`)
        .set('Cookie', org.cookie)
        .send({
          title: 'Weekly, backwards',
          events: [event({ startsAt: `${y}-05-04T19:00`, endsAt: `${y}-05-04T18:00` })],
          recurrence: { rule: 'FREQ=WEEKLY;COUNT=3', until: `${y + 1}-01-01T00:00:00Z` },
        });
      expect(backwards.body.code).toBe('EVENT_ENDS_BEFORE_START');
      expect(await count()).toBe(before);
    });

    it('needs confirmPast to move an event people were invited to into the past', async () => {
      const series = await t
        .http()
        .post(`/api/topics/${timesTopic}/series`)
        .set('Cookie', org.cookie)
        .send({ title: 'Invited', events: [event({ title: 'Invited talk' })] })
        .expect(201);
      const id = series.body.events[0].id as string;
      const past = { startsAt: '2020-05-05T18:00:00Z', endsAt: '2020-05-05T19:00:00Z' };
      const refused = await t.http().patch(`/api/events/${id}`).set('Cookie', org.cookie).send(past);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('EVENT_MOVED_TO_PAST');
      expect(fieldsOf(refused.body)).toEqual(['startsAt']);
      // Unchanged times are not judged again: the title of an event can change whatever its date.
      const moved = await t
        .http()
        .patch(`/api/events/${id}`)
        .set('Cookie', org.cookie)
        .send({ ...past, confirmPast: true })
        .expect(200);
      expect(moved.body.startsAt).toBe('2020-05-05T18:00:00.000Z');
      await t
        .http()
        .patch(`/api/events/${id}`)
        .set('Cookie', org.cookie)
        .send({ title: 'Renamed' })
        .expect(200);
      // Nobody was invited to an event created on its own: it cannot be moved into the past at all.
      const alone = await create({}).expect(201);
      const lonely = await t
        .http()
        .patch(`/api/events/${alone.body.id}`)
        .set('Cookie', org.cookie)
        .send({ ...past, confirmPast: true });
      expect(lonely.status).toBe(422);
      expect(lonely.body.code).toBe('EVENT_STARTS_IN_PAST');
    });

    it('refuses to publish a draft whose start has passed: publishing is when invitations go', async () => {
      const draft = await create({ status: 'draft' }).expect(201);
      // Time passes (written directly: no request can put an event in the past).
      await t.dataSource.query(
        `UPDATE events SET starts_at = now() - interval '2 days', ends_at = now() - interval '47 hours' WHERE id = $1`,
        [draft.body.id],
      );
      const res = await t
        .http()
        .patch(`/api/events/${draft.body.id}`)
        .set('Cookie', org.cookie)
        .send({ status: 'scheduled' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EVENT_STARTS_IN_PAST');
    });

    it('reads a local time in the event zone, naming the gap when the clocks skip it', async () => {
      const ok = await create({ startsAt: `${y}-06-10T19:00`, endsAt: `${y}-06-10T20:30:00` }).expect(201);
      expect([ok.body.startsAt, ok.body.endsAt]).toEqual([
        `${y}-06-10T17:00:00.000Z`,
        `${y}-06-10T18:30:00.000Z`,
      ]);
      const day = lastSunday(3);
      const gap = await create({ startsAt: `${y}-03-${day}T02:30`, endsAt: `${y}-03-${day}T04:00` });
      expect(gap.status).toBe(422);
      expect(gap.body).toMatchObject({
        code: 'EVENT_TIME_NONEXISTENT',
        message: `02:30 does not exist in Europe/Berlin on ${day} March ${y}: clocks go from 02:00 to 03:00`,
        details: { zone: 'Europe/Berlin', from: '02:00', to: '03:00' },
      });
      expect(fieldsOf(gap.body)).toEqual(['startsAt']);
      // Not the message of a malformed time:
      const malformed = await create({ startsAt: `${y}-03-${day} 02:30` }).expect(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      // A local time in an edit is read in the event's zone too.
      const edit = await t
        .http()
        .patch(`/api/events/${ok.body.id}`)
        .set('Cookie', org.cookie)
        .send({ startsAt: `${y}-03-${day}T02:15`, endsAt: `${y}-03-${day}T05:00` });
      expect(edit.body.code).toBe('EVENT_TIME_NONEXISTENT');
    });

    it('accepts a time the clocks pass twice only with an offset, naming both', async () => {
      const day = lastSunday(10);
      const ambiguous = await create({ startsAt: `${y}-10-${day}T02:30`, endsAt: `${y}-10-${day}T04:00` });
      expect(ambiguous.status).toBe(422);
      expect(ambiguous.body.code).toBe('EVENT_TIME_AMBIGUOUS');
      expect(ambiguous.body.message).toBe(
        `02:30 happens twice in Europe/Berlin on ${day} October ${y}: give it with an offset, +02:00 for the first or +01:00 for the second`,
      );
      expect(ambiguous.body.details.offsets).toEqual([120, 60]);
      const second = await create({
        startsAt: `${y}-10-${day}T02:30:00+01:00`,
        endsAt: `${y}-10-${day}T04:00`,
      }).expect(201);
      expect(second.body.startsAt).toBe(`${y}-10-${day}T01:30:00.000Z`);
    });
  });

  describe('public discovery', () => {
    it('lists scheduled events of public groups with filters, hiding non-public locations', async () => {
      const res = await t.http().get('/api/public/events?kind=virtual_networking').expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const e of res.body.items) {
        expect(e.kind).toBe('virtual_networking');
        expect(e.joinUrl).toBeNull();
        expect(e.goingCount).toBeNull();
      }
      const tagged = await t.http().get('/api/public/events?tag=networking&q=network').expect(200);
      expect(tagged.body.items.every((e: { tags: string[] }) => e.tags.includes('networking'))).toBe(true);
      const group = await t.http().get('/api/public/groups/autumn').expect(200);
      expect(group.body.events.items.length).toBeGreaterThan(0);
      const page1 = await t.http().get('/api/public/events?limit=2').expect(200);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await t
        .http()
        .get(`/api/public/events?limit=2&cursor=${page1.body.nextCursor}`)
        .expect(200);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
      await t.http().get('/api/public/events?cursor=garbage').expect(400);
      await t.http().get('/api/public/events?from=tomorrow').expect(400);
      await t.http().get('/api/public/events?kind=party').expect(400);
    });
  });
});
