import { OutboxService } from '@app/mail';
import { UsersService } from '@app/identity';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic } from './support/fixtures';
import { createEvent } from './support/inbound';

/**
 * Deleting an account gives its seats back and moves the waitlist (DESIGN §5). These answers arrive
 * while the deletion is under way; whatever the order, no seat may be lost to the cascade with
 * somebody still waiting for it, and a lost race answers in the JSON error shape, never a 500.
 */
describe('account deletion racing the person’s own answers (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let members: Person[];

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer, participants: members } = await groupWithTopic(t, 'erasure-race', { participants: 6 }));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const answer = (who: Person, eventId: string, status: string) =>
    t.http().post(`/api/events/${eventId}/rsvps`).set('Cookie', who.cookie).send({ status });
  /** Sent now, awaited later: a promise of the response (supertest sends on `then`). */
  const deleteAccount = (who: Person) =>
    t
      .http()
      .delete('/api/me')
      .set('Cookie', who.cookie)
      .send({ confirm: who.email })
      .then((r) => r);
  const statusOf = async (eventId: string, who: Person): Promise<string | undefined> => {
    const [row] = await t.dataSource.query(`SELECT status FROM rsvps WHERE event_id = $1 AND user_id = $2`, [
      eventId,
      who.userId,
    ]);
    return row?.status;
  };
  /** Holds the first call of `method` until the returned `open` is called; `reached` resolves when it is called. */
  function hold<T extends object>(target: T, method: keyof T & string) {
    let open!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const arrived = new Promise<void>((r) => (reached = r));
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    let first = true;
    jest.spyOn(target, method as never).mockImplementation((async (...args: unknown[]) => {
      if (first) {
        first = false;
        reached();
        await gate;
      }
      return original(...args);
    }) as never);
    return { arrived, open };
  }
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it('an answer turning into a seat mid-deletion waits for it, and the seat goes to the next in line', async () => {
    const [leaving, holder, waiting] = members;
    const eventId = await createEvent(t, 'erasure-race', organizer, { capacity: 2, waitlistEnabled: true });
    const other = await createEvent(t, 'erasure-race', organizer, { capacity: 5 });
    await answer(holder, eventId, 'going').expect(200);
    await answer(leaving, eventId, 'maybe').expect(200);

    // The deletion stops after giving seats back, before the account row goes.
    const paused = hold(t.server.app.get(OutboxService), 'forgetRecipient');
    const deleted = deleteAccount(leaving);
    await paused.arrived;
    // "Maybe" becomes Going (the last seat), someone else then asks for one, and the leaver answers
    // an event they never answered before.
    const leaverGoing = answer(leaving, eventId, 'going').then((r) => r);
    await settle();
    const waitingGoing = answer(waiting, eventId, 'going').then((r) => r);
    const leaverOther = answer(leaving, other, 'going').then((r) => r);
    await settle();
    paused.open();

    expect((await deleted).status).toBe(204);
    const [mine, theirs, elsewhere] = await Promise.all([leaverGoing, waitingGoing, leaverOther]);
    for (const lost of [mine, elsewhere]) {
      expect([401, 403, 404, 409]).toContain(lost.status);
      expect(lost.body).toMatchObject({ statusCode: lost.status, code: expect.any(String) });
    }
    expect(theirs.status).toBe(200);
    expect(await statusOf(eventId, waiting)).toBe('going');
    expect(await statusOf(eventId, holder)).toBe('going');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM rsvps WHERE user_id = $1`, [
      leaving.userId,
    ]);
    expect(n).toBe(0);
  });

  it('an answer landing on another event before the account row is locked starts the deletion again', async () => {
    const [, , , leaving, waiting] = members;
    const first = await createEvent(t, 'erasure-race', organizer, { capacity: 3 });
    const late = await createEvent(t, 'erasure-race', organizer, { capacity: 1, waitlistEnabled: true });
    await answer(leaving, first, 'going').expect(200);

    // Seats given back on the events answered so far, the account row not yet locked.
    const paused = hold(t.server.app.get(UsersService), 'lockForErasure');
    const deleted = deleteAccount(leaving);
    await paused.arrived;
    await answer(leaving, late, 'going').expect(200);
    await answer(waiting, late, 'going').expect(200);
    expect(await statusOf(late, waiting)).toBe('waitlisted');
    paused.open();

    expect((await deleted).status).toBe(204);
    // The second try saw the late seat, gave it back and moved the waitlist.
    expect(await statusOf(late, waiting)).toBe('going');
    expect(await statusOf(late, leaving)).toBeUndefined();
    expect(await statusOf(first, leaving)).toBeUndefined();
  });
});
