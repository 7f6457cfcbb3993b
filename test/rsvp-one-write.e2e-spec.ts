// Test-only hook and the repository: not on @app/rsvp's public surface, imported from their files.
import { RsvpTestHooks } from '../libs/rsvp/src/rsvp-test-hooks';
import { GuardedWritesRepository } from '../libs/rsvp/src/guarded-writes.repository';
import { RsvpRepository } from '../libs/rsvp/src/rsvp.repository';
import { MetricsService } from '@app/core';
import { TestApp, startTestApp } from './support/app';
import { Person, hoursAfter, inDays, person } from './support/fixtures';

/*
 * An answer is first decided on a read and recorded by one guarded statement (issue #14): the guard
 * takes the event lock and writes only if what the decision rested on still holds; otherwise the
 * answer is decided again in a transaction under the lock. Here the state is changed between the
 * read and the write (RsvpTestHooks.afterRead) to show that the second decision is the one recorded.
 */
describe('RSVP decided on a read, recorded by one guarded statement (e2e)', () => {
  let t: TestApp;
  let hooks: RsvpTestHooks;
  let organizer: Person;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ HEARTH_ROLE: 'api' });
    hooks = t.server.app.get(RsvpTestHooks);
    organizer = await person(t, 'organizer@one-write.test');
    await t
      .http()
      .post('/api/groups')
      .set('Cookie', organizer.cookie)
      .send({ slug: 'one-write', name: 'One write', timezone: 'UTC' })
      .expect(201);
  });
  afterEach(() => {
    hooks.afterRead = null;
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  const newEvent = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const startsAt = inDays(10);
    const res = await t
      .http()
      .post('/api/groups/one-write/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Meetup',
        startsAt,
        endsAt: hoursAfter(startsAt, 2),
        timezone: 'UTC',
        venueAddress: 'Somewhere 1',
        ...extra,
      })
      .expect(201);
    return res.body.id as string;
  };
  const someone = (): Promise<Person> => person(t, `p${++n}@one-write.test`);
  const going = (eventId: string, p: Person) =>
    t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', p.cookie)
      .send({ status: 'going' })
      .expect(200);
  /** Transactions opened by the app while `run` runs (the locked path opens one; the guarded write none). */
  const transactionsDuring = async (run: () => Promise<unknown>): Promise<number> => {
    const spy = jest.spyOn(t.dataSource, 'transaction');
    await run();
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    return calls;
  };

  it('records an answer nobody raced in one statement: the RSVP, its history and the notice intent', async () => {
    const eventId = await newEvent({ capacity: 10 });
    const a = await someone();
    let body: Record<string, unknown> = {};
    expect(
      await transactionsDuring(async () => {
        body = (await going(eventId, a)).body as Record<string, unknown>;
      }),
    ).toBe(0);
    expect(body).toMatchObject({ status: 'going', mode: 'in_person', guests: 0 });
    const history = await t.dataSource.query<Array<{ from_status: string | null; to_status: string }>>(
      `SELECT from_status, to_status FROM rsvp_history WHERE event_id = $1 AND user_id = $2`,
      [eventId, a.userId],
    );
    expect(history).toEqual([{ from_status: null, to_status: 'going' }]);
    const queued = await t.dataSource.query<Array<{ compose: { kind: string; answer: string } }>>(
      `SELECT compose FROM outbox_messages WHERE event_id = $1 AND user_id = $2`,
      [eventId, a.userId],
    );
    expect(queued.map((q) => [q.compose.kind, q.compose.answer])).toEqual([['confirmed', 'going']]);
  });

  it('another answer in between that leaves a seat free does not send it back under the lock', async () => {
    const eventId = await newEvent({ capacity: 10 });
    const [a, b] = [await someone(), await someone()];
    hooks.afterRead = async () => {
      hooks.afterRead = null;
      await going(eventId, b);
    };
    expect(await transactionsDuring(() => going(eventId, a))).toBe(0);
  });

  it('an event changed in between: the answer is decided again under the lock (approval now required)', async () => {
    const eventId = await newEvent();
    const a = await someone();
    hooks.afterRead = async () => {
      await t.dataSource.query(`UPDATE events SET approval_required = true WHERE id = $1`, [eventId]);
    };
    const decidedAgain = async (): Promise<number> =>
      (await t.server.app.get(MetricsService).rsvpDecidedAgain.get()).values.find(
        (v) => v.labels.reason === 'changed',
      )?.value ?? 0;
    const before = await decidedAgain();
    let status = '';
    expect(
      await transactionsDuring(async () => {
        status = ((await going(eventId, a)).body as { status: string }).status;
      }),
    ).toBe(1);
    expect(status).toBe('pending_approval');
    expect(await decidedAgain()).toBe(before + 1);
  });

  it('an answer whose deadline passed while it waited for the event lock is refused, as under the lock', async () => {
    const eventId = await newEvent({ capacity: 10 });
    const a = await someone();
    // RSVPs close in 1.5 s; between the read and the write another transaction holds the event row
    // (an organizer's edit, an emailed reply) until they have closed.
    await t.dataSource.query(
      `UPDATE events SET rsvp_closes_at = clock_timestamp() + interval '1500 milliseconds' WHERE id = $1`,
      [eventId],
    );
    hooks.afterRead = async () => {
      hooks.afterRead = null;
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query(`SELECT 1 FROM events WHERE id = $1 FOR NO KEY UPDATE`, [eventId]);
      setTimeout(() => void runner.commitTransaction().then(() => runner.release()), 2500);
    };
    const res = await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', a.cookie)
      .send({ status: 'going' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('RSVP_CLOSED');
    expect(await t.dataSource.query(`SELECT 1 FROM rsvps WHERE event_id = $1`, [eventId])).toEqual([]);
  });

  it('a member banned in between is refused, as under the lock (the membership row changed)', async () => {
    const eventId = await newEvent();
    const a = await someone();
    await t.dataSource.query(
      `INSERT INTO memberships (group_id, user_id) SELECT group_id, $2 FROM events WHERE id = $1`,
      [eventId, a.userId],
    );
    hooks.afterRead = async () => {
      await t.dataSource.query(`UPDATE memberships SET status = 'banned' WHERE user_id = $1`, [a.userId]);
    };
    const res = await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', a.cookie)
      .send({ status: 'going' });
    expect(res.status).toBe(403);
    expect((res.body as { code: string }).code).toBe('MEMBERSHIP_REQUIRED');
    expect(await t.dataSource.query(`SELECT 1 FROM rsvps WHERE event_id = $1`, [eventId])).toEqual([]);
  });

  it('the same person answering in between: the later answer is decided on the RSVP it replaces', async () => {
    const eventId = await newEvent({ capacity: 5 });
    const a = await someone();
    hooks.afterRead = async () => {
      hooks.afterRead = null;
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', a.cookie)
        .send({ status: 'declined' }) // no notice, so nothing but the RSVP row changes
        .expect(200);
    };
    await going(eventId, a);
    const history = await t.dataSource.query<Array<{ from_status: string | null; to_status: string }>>(
      `SELECT from_status, to_status FROM rsvp_history WHERE event_id = $1 ORDER BY id`,
      [eventId],
    );
    expect(history).toEqual([
      { from_status: null, to_status: 'declined' },
      { from_status: 'declined', to_status: 'going' },
    ]);
  });

  it('the last seat taken in between: waitlisted, not overbooked and not refused', async () => {
    const eventId = await newEvent({ capacity: 2, waitlistEnabled: true });
    const [a, b, c] = [await someone(), await someone(), await someone()];
    await going(eventId, a);
    hooks.afterRead = async () => {
      hooks.afterRead = null;
      await going(eventId, b); // the read saw one seat left; now there is none
    };
    const res = await going(eventId, c);
    expect((res.body as { status: string }).status).toBe('waitlisted');
    const [{ n: seated }] = await t.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [eventId],
    );
    expect(seated).toBe(2);
  });

  it('reads the answers arriving together in one statement, each pair its own row, a malformed id failing none', async () => {
    const [small, large] = [await newEvent({ capacity: 3 }), await newEvent({ capacity: 50 })];
    const people = await Promise.all(Array.from({ length: 8 }, () => someone()));
    await going(small, people[0]);
    const repository = t.server.app.get(RsvpRepository);
    const pool = (t.dataSource.driver as unknown as { master: { query: (q: unknown) => unknown } }).master;
    const query = jest.spyOn(pool, 'query');
    const reads = (): number =>
      query.mock.calls.filter(([q]) => (q as { name?: string })?.name === 'rsvp_read_for_answers').length;
    // All asked in the same turn of the event loop: one batch.
    const answers = await Promise.all([
      ...people.map((p, i) => repository.readForAnswer(i % 2 ? large : small, p.userId)),
      repository.readForAnswer('00000000-0000-4000-8000-000000000000', people[1].userId),
      repository.readForAnswer('not-a-uuid', people[1].userId),
      repository.readForAnswer(small.toUpperCase(), people[0].userId),
    ]);
    expect(reads()).toBe(1);
    people.forEach((p, i) => {
      const read = answers[i];
      expect((read?.context.e as { id: string }).id).toBe(i % 2 ? large : small);
      expect(read?.rsvp?.userId ?? null).toBe(i === 0 ? p.userId : null);
      expect(read?.taken?.all).toBe(i % 2 ? 0 : 1);
    });
    expect(answers[8]).toBeNull();
    expect(answers[9]).toBeNull();
    expect(answers[10]?.rsvp?.status).toBe('going');
    // And through the API: 8 people answering at once each get their own seat, the rest the waitlist.
    const event = await newEvent({ capacity: 5, waitlistEnabled: true });
    const statuses = await Promise.all(people.map((p) => going(event, p)));
    const counted = statuses.map((r) => (r.body as { status: string }).status).sort();
    expect(counted).toEqual([...Array(5).fill('going'), ...Array(3).fill('waitlisted')]);
  });

  it('negative control: the guard refuses a write decided on a state that is no longer there', async () => {
    const eventId = await newEvent({ capacity: 10 });
    const a = await someone();
    const repository = t.server.app.get(RsvpRepository);
    const writes = t.server.app.get(GuardedWritesRepository);
    const read = await repository.readForAnswer(eventId, a.userId);
    if (!read) throw new Error('the event was not read');
    const write = {
      eventId,
      userId: a.userId,
      status: 'going' as const,
      mode: 'in_person' as const,
      guests: 0,
      answers: {},
      cocAcknowledgedAt: null,
      source: 'web' as const,
      keepWaitlistSeq: null,
      history: { from: null, actorId: null },
    };
    const stale = { state: read.state, taken: { key: 'all' as const, min: null, max: -1 }, deadline: null };
    expect(await writes.write(write, stale)).toBeNull();
    const guard = { state: read.state, taken: null, deadline: null };
    expect(await writes.write(write, { ...guard, state: 'stale' })).toBeNull();
    const past = new Date(Date.now() - 1000);
    expect(await writes.write(write, { ...guard, deadline: past })).toBeNull();
    const none = await t.dataSource.query(`SELECT 1 FROM rsvps WHERE event_id = $1`, [eventId]);
    expect(none).toEqual([]);
    const written = await writes.write(write, guard);
    expect(written?.rsvp.status).toBe('going');
  });
});
