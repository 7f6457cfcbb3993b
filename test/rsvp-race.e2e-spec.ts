// Test-only hook: not on @app/rsvp's public surface, imported from its file.
import { RsvpTestHooks } from '../libs/rsvp/src/rsvp-test-hooks';
import { TestApp, startTestApp } from './support/app';
import { Person, hoursAfter, inDays, person } from './support/fixtures';

/** Fires all requests at once over real HTTP and returns their status codes. */
async function burst(
  t: TestApp,
  requests: Array<{ method: 'POST' | 'DELETE'; path: string; cookie: string; body?: object }>,
): Promise<number[]> {
  return Promise.all(
    requests.map(async (r) => {
      const res = await fetch(`${t.url}${r.path}`, {
        method: r.method,
        headers: { cookie: r.cookie, ...(r.body ? { 'content-type': 'application/json' } : {}) },
        body: r.body ? JSON.stringify(r.body) : undefined,
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
}

async function counts(t: TestApp, eventId: string): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: number }> = await t.dataSource.query(
    `SELECT status, count(*)::int AS n FROM rsvps WHERE event_id = $1 GROUP BY status`,
    [eventId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function setup(
  t: TestApp,
  slug: string,
  people: number,
): Promise<{ eventId: string; crowd: Person[]; organizer: Person }> {
  const organizer = await person(t, `organizer@${slug}.test`);
  await t
    .http()
    .post('/api/groups')
    .set('Cookie', organizer.cookie)
    .send({ slug, name: slug, timezone: 'UTC' })
    .expect(201);
  const start = inDays(10);
  const ev = await t
    .http()
    .post(`/api/groups/${slug}/events`)
    .set('Cookie', organizer.cookie)
    .send({
      kind: 'in_person',
      title: 'Popular meetup',
      startsAt: start,
      endsAt: hoursAfter(start, 2),
      timezone: 'UTC',
      capacity: 50,
      venueAddress: 'Somewhere 1',
    })
    .expect(201);
  const crowd: Person[] = [];
  for (let i = 0; i < people; i++) crowd.push(await person(t, `p${i}@${slug}.test`));
  return { eventId: ev.body.id as string, crowd, organizer };
}

describe('RSVP race (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '40', OUTBOX_POLL_MS: '200' });
  });
  afterAll(() => t.close());

  it('seats exactly 50 of 500 concurrent RSVPs and waitlists 450 in order; then stays exact under cancellations', async () => {
    const { eventId, crowd } = await setup(t, 'race', 700);
    const first = crowd.slice(0, 500);
    const statuses = await burst(
      t,
      first.map((p) => ({
        method: 'POST',
        path: `/api/events/${eventId}/rsvps`,
        cookie: p.cookie,
        body: { status: 'going' },
      })),
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await counts(t, eventId)).toEqual({ going: 50, waitlisted: 450 });

    const positions: Array<{ user_id: string; position: number }> = await t.dataSource.query(
      `SELECT user_id, row_number() OVER (ORDER BY waitlist_seq)::int AS position FROM rsvps WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    expect(positions.map((p) => p.position)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    const waitlistOrder = positions.map((p) => p.user_id);

    // 30 of the seated cancel while 200 newcomers arrive, all at once.
    const going: Array<{ user_id: string }> = await t.dataSource.query(
      `SELECT user_id FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [eventId],
    );
    const leavers = crowd.filter((p) => going.slice(0, 30).some((g) => g.user_id === p.userId));
    const newcomers = crowd.slice(500, 700);
    const mixed = [
      ...leavers.map((p) => ({
        method: 'DELETE' as const,
        path: `/api/events/${eventId}/rsvps/me`,
        cookie: p.cookie,
      })),
      ...newcomers.map((p) => ({
        method: 'POST' as const,
        path: `/api/events/${eventId}/rsvps`,
        cookie: p.cookie,
        body: { status: 'going' },
      })),
    ].sort(() => Math.random() - 0.5);
    const mixedStatuses = await burst(t, mixed);
    expect(mixedStatuses.filter((s) => s >= 500)).toEqual([]);
    expect(await counts(t, eventId)).toEqual({ going: 50, waitlisted: 450 - 30 + 200, declined: 30 });

    // FIFO: exactly the first 30 in line were promoted, each told once through the outbox.
    const promoted: Array<{ user_id: string }> = await t.dataSource.query(
      `SELECT DISTINCT user_id FROM rsvp_history WHERE event_id = $1 AND from_status = 'waitlisted' AND to_status = 'going'`,
      [eventId],
    );
    expect(promoted.map((p) => p.user_id).sort()).toEqual(waitlistOrder.slice(0, 30).sort());
    const told: Array<{ user_id: string; n: number }> = await t.dataSource.query(
      `SELECT user_id, count(*)::int AS n FROM outbox_messages WHERE purpose = 'event_confirmed' AND user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [waitlistOrder.slice(0, 30)],
    );
    expect(told).toHaveLength(30);
    expect(told.every((r) => r.n === 1)).toBe(true);
    const nobodyElse: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE purpose = 'event_confirmed' AND user_id = ANY($1::uuid[])`,
      [waitlistOrder.slice(30)],
    );
    expect(nobodyElse[0].n).toBe(0);
  });

  it('negative control: with the lock and the database guard switched off, the same burst oversells', async () => {
    const hooks = t.server.app.get(RsvpTestHooks);
    const { eventId, crowd } = await setup(t, 'unguarded', 300);
    hooks.capacityGuardsOff = true;
    try {
      await burst(
        t,
        crowd.map((p) => ({
          method: 'POST',
          path: `/api/events/${eventId}/rsvps`,
          cookie: p.cookie,
          body: { status: 'going' },
        })),
      );
    } finally {
      hooks.capacityGuardsOff = false;
    }
    const { going } = await counts(t, eventId);
    expect(going).toBeGreaterThan(50);
  });
});
