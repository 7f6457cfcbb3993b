import type { QueryRunner } from 'typeorm';
import { KeyedBatches, MetricsService } from '@app/core';
// The repository and the statements: not on @app/rsvp's public surface, imported from their files.
import { GuardedWritesRepository } from '../libs/rsvp/src/guarded-writes.repository';
import { RsvpRepository } from '../libs/rsvp/src/rsvp.repository';
import { RsvpWrite } from '../libs/rsvp/src/rsvp-rows';
import { writeAnswersFunctionBody } from '../libs/rsvp/src/rsvp.statements';
import { TestApp, startTestApp } from './support/app';
import { Person, hoursAfter, inDays, person } from './support/fixtures';

/*
 * Answers to one event are written one guarded statement at a time; the ones arriving while a
 * statement for their event is in flight go together in the next (rsvp_write_answers, issue #14).
 * Here the event's row lock is held by another transaction so that the first answer's statement waits
 * in PostgreSQL and the next ones gather behind it, then released.
 */
describe('RSVP answers to one event written together (e2e)', () => {
  let t: TestApp;
  let repository: RsvpRepository;
  let guardedWrites: GuardedWritesRepository;
  let metrics: MetricsService;
  let organizer: Person;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ HEARTH_ROLE: 'api' });
    repository = t.server.app.get(RsvpRepository);
    guardedWrites = t.server.app.get(GuardedWritesRepository);
    metrics = t.server.app.get(MetricsService);
    organizer = await person(t, 'organizer@write-batches.test');
    await t
      .http()
      .post('/api/groups')
      .set('Cookie', organizer.cookie)
      .send({ slug: 'write-batches', name: 'Write batches', timezone: 'UTC' })
      .expect(201);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const newEvent = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const startsAt = inDays(10);
    const res = await t
      .http()
      .post('/api/groups/write-batches/events')
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
  const someone = (): Promise<Person> => person(t, `p${++n}@write-batches.test`);
  /** A web "going" with no guests, as RsvpService decides one, for the repository directly. */
  const going = (eventId: string, userId: string, answers: Record<string, string> = {}): RsvpWrite => ({
    eventId,
    userId,
    status: 'going',
    mode: 'in_person',
    guests: 0,
    answers,
    cocAcknowledgedAt: null,
    source: 'web',
    keepWaitlistSeq: null,
    history: { from: null, actorId: null },
  });

  /** The event's row lock, held by a transaction of the test's own until `release`. */
  const holdEvent = async (eventId: string): Promise<{ release(): Promise<void> }> => {
    const runner: QueryRunner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`SELECT id FROM events WHERE id = $1 FOR NO KEY UPDATE`, [eventId]);
    return {
      async release() {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  };
  /** Answers written per statement from now on, as the histogram is told. */
  const batchSizes = (): (() => number[]) => {
    const observe = jest.spyOn(metrics.rsvpAnswersPerWrite, 'observe');
    return () => observe.mock.calls.map(([size]) => (typeof size === 'number' ? size : NaN));
  };
  /** Until `count` writes for the event wait behind the one in flight. */
  const waitingBehind = async (eventId: string, count: number): Promise<void> => {
    // The queue is private to the repository: read here only to know the writes have gathered.
    const writes = (guardedWrites as unknown as { batches: KeyedBatches<unknown, unknown> }).batches;
    const queue = (): number => writes.waitingFor(eventId);
    const until = Date.now() + 10_000;
    while (queue() < count) {
      if (Date.now() > until) throw new Error(`only ${queue()} writes waiting, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('is the function the code generates from the single-answer statements (a change needs a migration)', async () => {
    const [row] = await t.dataSource.query(`SELECT prosrc FROM pg_proc WHERE proname = 'rsvp_write_answers'`);
    expect(row?.prosrc).toBe(writeAnswersFunctionBody());
  });

  it('writes answers that arrived during a write in one statement, each with its history and its notice', async () => {
    const eventId = await newEvent({ capacity: 20 });
    const people = await Promise.all(Array.from({ length: 6 }, () => someone()));
    const sizes = batchSizes();
    const lock = await holdEvent(eventId);
    const answers = people.map((p) =>
      t.http().post(`/api/events/${eventId}/rsvps`).set('Cookie', p.cookie).send({ status: 'going' }),
    );
    const responses = Promise.all(answers.map((a) => a.then((res) => res)));
    await waitingBehind(eventId, 5);
    await lock.release();
    for (const res of await responses) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'going' });
    }
    expect(sizes()).toEqual([1, 5]);

    const rows: Array<{ user_id: string; status: string; history: number; notices: number }> =
      await t.dataSource.query(
        `SELECT r.user_id, r.status,
                (SELECT count(*)::int FROM rsvp_history h WHERE h.rsvp_id = r.id) AS history,
                (SELECT count(*)::int FROM outbox_messages o
                  WHERE o.event_id = r.event_id AND o.user_id = r.user_id AND o.purpose = 'event_confirmed') AS notices
           FROM rsvps r WHERE r.event_id = $1`,
        [eventId],
      );
    expect(rows.map((r) => r.user_id).sort()).toEqual(people.map((p) => p.userId).sort());
    expect(rows.every((r) => r.status === 'going' && r.history === 1 && r.notices === 1)).toBe(true);
  });

  it("keeps one answer's failure to that answer: the others of its statement are written", async () => {
    const eventId = await newEvent({ capacity: 2 });
    const [first, stale, ...lastTwo] = await Promise.all([someone(), someone(), someone(), someone()]);
    // A batch is written by person (user id): `last` before `over`, whose seat it takes.
    const [last, over] = lastTwo.sort((x, y) => (x.userId < y.userId ? -1 : 1));
    // No such account (the RSVP row cannot refer to it), first of the batch by id: one seat is taken then.
    const nobody = '00000000-0000-4000-8000-000000000001';
    const guarded = async (userId: string, state?: string, seatsChecked = true) => {
      const read = await repository.readForAnswer(eventId, userId);
      const guard = {
        state: state ?? read?.state ?? '',
        // As the answer was decided: one seat asked of two, while at most one is taken.
        taken: seatsChecked ? ({ key: 'all', min: null, max: 1 } as const) : null,
        deadline: null,
      };
      return guardedWrites.write(going(eventId, userId), guard);
    };
    const sizes = batchSizes();
    const lock = await holdEvent(eventId);
    const outcomes = [
      guarded(first.userId),
      guarded(stale.userId, 'a state that has changed'),
      guarded(nobody),
      guarded(last.userId),
      // Decided without the seats (as no answer is): the capacity backstop refuses the third seat.
      guarded(over.userId, undefined, false),
    ].map((p) =>
      p.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    await waitingBehind(eventId, 4);
    await lock.release();
    const [a, b, c, d, e] = await Promise.all(outcomes);

    expect(a).toMatchObject({ value: { rsvp: { userId: first.userId, status: 'going' } } });
    expect(b).toEqual({ value: null }); // decided again by the caller under the lock
    expect(c).toMatchObject({ error: { code: '23503' } });
    expect(d).toMatchObject({ value: { rsvp: { userId: last.userId, status: 'going' } } });
    expect(e).toMatchObject({ error: { code: 'EVENT_FULL' } });
    expect(sizes()).toEqual([1, 4]);

    const written: Array<{ user_id: string }> = await t.dataSource.query(
      `SELECT user_id FROM rsvp_history WHERE event_id = $1 `,
      [eventId],
    );
    expect(written.map((r) => r.user_id).sort()).toEqual([first.userId, last.userId].sort());
  });

  it('fails alone an answer PostgreSQL refuses as data, not the statement it shared', async () => {
    const eventId = await newEvent();
    const [first, good, bad] = await Promise.all([someone(), someone(), someone()]);
    const guarded = async (userId: string, answers: Record<string, string> = {}) => {
      const read = await repository.readForAnswer(eventId, userId);
      const guard = { state: read?.state ?? '', taken: null, deadline: null };
      return guardedWrites.write(going(eventId, userId, answers), guard);
    };
    const sizes = batchSizes();
    const lock = await holdEvent(eventId);
    const outcomes = [
      guarded(first.userId),
      guarded(good.userId),
      // The API refuses NUL at its edge; here it reaches the database, which cannot store it in jsonb.
      guarded(bad.userId, { q: 'a\u0000b' }),
    ].map((p) =>
      p.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    await waitingBehind(eventId, 2);
    await lock.release();
    const [a, b, c] = await Promise.all(outcomes);
    expect(a).toMatchObject({ value: { rsvp: { userId: first.userId } } });
    expect(b).toMatchObject({ value: { rsvp: { userId: good.userId } } });
    expect(c).toMatchObject({ error: { code: '22P05' } });
    expect(sizes()).toEqual([1, 2]);
  });
});
