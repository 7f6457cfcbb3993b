import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, person } from './support/fixtures';
import { createEvent } from './support/inbound';

const SLUG = 'seat-changes';

/**
 * Changing an answer that already holds seats: the person's own seats are theirs to rearrange on a
 * full event (the capacity backstop counted them twice on the upsert), and seats given up by moving
 * to the other mode of a hybrid event go to the head of that mode's waitlist.
 */
describe('changing an answer that holds seats (e2e)', () => {
  let t: TestApp;
  let organizer: Person;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ organizer } = await groupWithTopic(t, SLUG));
  });
  afterAll(() => t.close());

  const someone = (): Promise<Person> => person(t, `p${++n}@${SLUG}.test`);
  const answer = (eventId: string, p: Person, body: Record<string, unknown>) =>
    t.http().post(`/api/events/${eventId}/rsvps`).set('Cookie', p.cookie).send(body);

  it('lets someone going with a guest to a full event come alone, or change nothing but their answers', async () => {
    const eventId = await createEvent(t, SLUG, organizer, {
      capacity: 2,
      guestsAllowed: 1,
      waitlistEnabled: true,
      questions: [{ id: 'diet', label: 'Anything we should know?', required: false }],
    });
    const a = await someone();
    expect((await answer(eventId, a, { status: 'going', guests: 1 })).body).toMatchObject({
      status: 'going',
      guests: 1,
    });
    // Same seats with other answers, then fewer seats: both fit, since the seats are already theirs.
    const edited = await answer(eventId, a, { status: 'going', guests: 1, answers: { diet: 'none' } });
    expect(edited.status).toBe(200);
    const alone = await answer(eventId, a, { status: 'going', guests: 0 });
    expect(alone.status).toBe(200);
    expect(alone.body).toMatchObject({ status: 'going', guests: 0 });
    // Still no room for a third seat: the backstop counts everybody else's.
    const b = await someone();
    await answer(eventId, b, { status: 'going' }).expect(200);
    const more = await answer(eventId, a, { status: 'going', guests: 1 });
    expect(more.body.status === 'waitlisted' || more.status === 409).toBe(true);
  });

  it('gives the in-person seat someone leaves for the online room to the first in line for it', async () => {
    const eventId = await createEvent(t, SLUG, organizer, {
      kind: 'hybrid',
      capacity: 1,
      onlineCapacity: 10,
      waitlistEnabled: true,
      joinUrl: 'https://meet.example.org/seat-changes',
    });
    const [a, b, c] = [await someone(), await someone(), await someone()];
    expect((await answer(eventId, a, { status: 'going', mode: 'in_person' })).body.status).toBe('going');
    expect((await answer(eventId, b, { status: 'going', mode: 'in_person' })).body.status).toBe('waitlisted');
    expect((await answer(eventId, a, { status: 'going', mode: 'online' })).body).toMatchObject({
      status: 'going',
      mode: 'online',
    });
    const rows = await t.dataSource.query<Array<{ user_id: string; status: string; mode: string }>>(
      `SELECT user_id, status, mode FROM rsvps WHERE event_id = $1`,
      [eventId],
    );
    expect(rows.find((r) => r.user_id === b.userId)).toMatchObject({ status: 'going', mode: 'in_person' });
    // The seat went to the one who waited, not to whoever asks next.
    expect((await answer(eventId, c, { status: 'going', mode: 'in_person' })).body.status).toBe('waitlisted');
  });

  it("moves someone waiting for an in-person seat to the online room when they choose it, at the end of that mode's line", async () => {
    const eventId = await createEvent(t, SLUG, organizer, {
      kind: 'hybrid',
      capacity: 1,
      onlineCapacity: 1,
      waitlistEnabled: true,
      joinUrl: 'https://meet.example.org/seat-changes',
    });
    const [a, b, c, d] = [await someone(), await someone(), await someone(), await someone()];
    await answer(eventId, a, { status: 'going', mode: 'in_person' }).expect(200);
    expect((await answer(eventId, b, { status: 'going', mode: 'in_person' })).body.status).toBe('waitlisted');
    expect((await answer(eventId, c, { status: 'going', mode: 'in_person' })).body.status).toBe('waitlisted');
    // An online seat is free: b, waiting in person, takes it by choosing online.
    expect((await answer(eventId, b, { status: 'going', mode: 'online' })).body).toMatchObject({
      status: 'going',
      mode: 'online',
    });
    // Now online is full too: d waits for it first; c, who waited in person since before d came,
    // moving to the online line joins it after d, not ahead.
    expect((await answer(eventId, d, { status: 'going', mode: 'online' })).body.status).toBe('waitlisted');
    expect((await answer(eventId, c, { status: 'going', mode: 'online' })).body).toMatchObject({
      status: 'waitlisted',
      mode: 'online',
    });
    await answer(eventId, b, { status: 'declined', mode: 'online' }).expect(200);
    const rows = await t.dataSource.query<Array<{ user_id: string; status: string; mode: string }>>(
      `SELECT user_id, status, mode FROM rsvps WHERE event_id = $1`,
      [eventId],
    );
    expect(rows.find((r) => r.user_id === d.userId)).toMatchObject({ status: 'going', mode: 'online' });
    expect(rows.find((r) => r.user_id === c.userId)).toMatchObject({ status: 'waitlisted', mode: 'online' });
  });
});
