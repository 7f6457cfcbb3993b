import { Client } from 'pg';
import request from 'supertest';
import { TestApp, startTestApp } from './support/app';
import { TEST_ADMIN_URL_VAR } from './support/database';
import { Person, groupWithTopic, hoursAfter, inDays, person, waitUntil } from './support/fixtures';
import { CuttableProxy } from './support/tcp-proxy';

/**
 * PostgreSQL going away under a running Hearth. The app reaches PostgreSQL through a loopback proxy
 * the test cuts for 10 s while a steady trickle of reads and writes runs: every answer is a success,
 * a 4xx or a 503 with Retry-After — never a 500 — and Hearth recovers by itself once the proxy
 * forwards again. Backends killed by pg_terminate_backend mid-query: a GET is run again and succeeds,
 * a POST is answered 503 and not run twice.
 */
interface Sample {
  route: string;
  status: number;
  retryAfter: string | undefined;
  contentType: string;
  body: unknown;
  text: string;
  at: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database outages (e2e)', () => {
  let proxy: CuttableProxy;
  let t: TestApp;
  let member: Person;
  let eventId: string;
  let direct: Client;
  let monitor: Client;

  beforeAll(async () => {
    const admin = new URL(process.env[TEST_ADMIN_URL_VAR] ?? '');
    proxy = await new CuttableProxy({
      host: admin.hostname.replace(/^\[|\]$/g, ''),
      port: Number(admin.port || 5432),
    }).start();
    // API only: the worker's loops would queue behind the locks these tests take.
    t = await startTestApp({ HEARTH_ROLE: 'api' }, { databaseHost: proxy.host });
    const { organizer, participants } = await groupWithTopic(t, 'outage', { participants: 2 });
    member = participants[0];
    const start = inDays(10);
    const event = await t
      .http()
      .post('/api/groups/outage/events')
      .set('Cookie', organizer.cookie)
      .send({
        kind: 'in_person',
        title: 'Meetup through an outage',
        startsAt: start,
        endsAt: hoursAfter(start, 2),
        timezone: 'UTC',
        capacity: 50,
        venueAddress: 'Somewhere 1',
      })
      .expect(201);
    eventId = event.body.id as string;
    // Straight to PostgreSQL, past the proxy: one connection takes locks, the other watches and
    // terminates backends (pg_stat_activity is a snapshot frozen for the rest of a transaction).
    direct = new Client({ connectionString: t.databaseUrl });
    await direct.connect();
    monitor = new Client({ connectionString: t.databaseUrl });
    await monitor.connect();
  });

  afterAll(async () => {
    await direct?.end();
    await monitor?.end();
    await proxy?.restore();
    await t?.close();
    await proxy?.stop();
  });

  /** pids of Hearth's backends waiting for a lock, other than `seen`. */
  const waiters = async (seen: number[]): Promise<number[]> => {
    const { rows } = await monitor.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'hearth' AND wait_event_type = 'Lock'
          AND pid <> ALL($1::int[])`,
      [seen],
    );
    return rows.map((r) => r.pid);
  };
  const nextWaiter = async (seen: number[]): Promise<number> =>
    waitUntil(async () => (await waiters(seen))[0], 10_000);

  it('runs a GET again when its backend is terminated mid-query: the member gets the event', async () => {
    await direct.query('BEGIN');
    try {
      await direct.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const pending = request(t.url)
        .get(`/api/events/${eventId}`)
        .set('Cookie', member.cookie)
        .then((r) => r);
      const first = await nextWaiter([]);
      await monitor.query('SELECT pg_terminate_backend($1)', [first]);
      // The handler runs again on a fresh connection and queues behind the lock once more.
      await nextWaiter([first]);
      await direct.query('ROLLBACK');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(eventId);
    } finally {
      await direct.query('ROLLBACK');
    }
  });

  it('runs the session lookup again when its backend is terminated', async () => {
    await direct.query('BEGIN');
    try {
      await direct.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const pending = request(t.url)
        .get('/api/me')
        .set('Cookie', member.cookie)
        .then((r) => r);
      const first = await nextWaiter([]);
      await monitor.query('SELECT pg_terminate_backend($1)', [first]);
      await nextWaiter([first]);
      await direct.query('ROLLBACK');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.email).toBe(member.email);
    } finally {
      await direct.query('ROLLBACK');
    }
  });

  it('answers 503 with Retry-After to a POST whose backend is terminated, and does not run it twice', async () => {
    const latecomer = await person(t, 'latecomer@outage.test');
    await t.http().post('/api/groups/outage/join').set('Cookie', latecomer.cookie).expect(200);
    await direct.query('BEGIN');
    let res: request.Response;
    try {
      await direct.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const pending = request(t.url)
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', latecomer.cookie)
        .send({ status: 'going' })
        .then((r) => r);
      const first = await nextWaiter([]);
      await monitor.query('SELECT pg_terminate_backend($1)', [first]);
      res = await pending;
      expect(await waiters([first])).toEqual([]);
    } finally {
      await direct.query('ROLLBACK');
    }
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: expect.any(String),
      details: { retryAfterSeconds: 5 },
      requestId: expect.any(String),
    });
    const rsvps = await direct.query('SELECT 1 FROM rsvps WHERE event_id = $1 AND user_id = $2', [
      eventId,
      latecomer.userId,
    ]);
    expect(rsvps.rowCount).toBe(0);
  });

  it('answers only 503s (never 500) while PostgreSQL is unreachable for 10 s, and recovers without a restart', async () => {
    const http = request(t.url);
    let answer: 'going' | 'maybe' = 'going';
    const routes: Record<string, () => request.Test> = {
      'GET public list': () => http.get('/api/public/events?limit=5'),
      'GET event': () => http.get(`/api/events/${eventId}`).set('Cookie', member.cookie),
      'GET me': () => http.get('/api/me').set('Cookie', member.cookie),
      'GET event page': () =>
        http.get(`/events/${eventId}`).set('Accept', 'text/html').set('Cookie', member.cookie),
      'POST rsvp': () => {
        answer = answer === 'going' ? 'maybe' : 'going';
        return http
          .post(`/api/events/${eventId}/rsvps`)
          .set('Cookie', member.cookie)
          .send({ status: answer });
      },
      'GET ready': () => http.get('/ready'),
    };
    const samples: Sample[] = [];
    const round = async (): Promise<Sample[]> =>
      Promise.all(
        Object.entries(routes).map(async ([route, send]) => {
          const at = Date.now();
          const res = await send();
          return {
            route,
            status: res.status,
            retryAfter: res.headers['retry-after'],
            contentType: String(res.headers['content-type'] ?? ''),
            body: res.body,
            text: res.text,
            at,
          };
        }),
      );
    const drive = async (ms: number): Promise<Sample[]> => {
      const out: Sample[] = [];
      for (const end = Date.now() + ms; Date.now() < end; await sleep(150)) out.push(...(await round()));
      samples.push(...out);
      return out;
    };

    const before = await drive(1000);
    expect(before.filter((s) => s.status >= 300)).toEqual([]);

    const cutAt = Date.now();
    proxy.cut('reset'); // connections dropped, new ones accepted and dropped at once
    const duringReset = await drive(5000);
    proxy.cut('refuse'); // nothing listens: connection refused
    const duringRefuse = await drive(5000);
    await proxy.restore();
    const restoredAt = Date.now();

    let recoveredAt = 0;
    for (let i = 0; recoveredAt === 0 && Date.now() - restoredAt < 10_000; i++) {
      const r = await round();
      samples.push(...r);
      if (r.every((s) => s.status < 300)) recoveredAt = Date.now();
      else await sleep(150);
    }
    const after = await drive(1000);

    // Never a 500, nor any 5xx but 503; every 503 says when to come back.
    expect(samples.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    const unavailable = samples.filter((s) => s.status === 503);
    expect(unavailable.filter((s) => s.retryAfter !== '5')).toEqual([]);
    for (const s of unavailable) {
      if (s.route === 'GET ready') continue;
      if (s.route === 'GET event page') {
        expect(s.contentType).toMatch(/^text\/html/);
        expect(s.text).toContain('Hearth is briefly unavailable');
      } else {
        expect(s.body).toEqual({
          statusCode: 503,
          code: 'DATABASE_UNAVAILABLE',
          message: expect.any(String),
          details: { retryAfterSeconds: 5 },
          requestId: expect.any(String),
        });
      }
    }
    // While cut (after the requests in flight at the cut), everything needing the database is 503.
    for (const phase of [duringReset, duringRefuse]) {
      const settled = phase.filter((s) => s.at > cutAt + 200);
      expect(new Set(settled.map((s) => s.route))).toEqual(new Set(Object.keys(routes)));
      expect(settled.filter((s) => s.status !== 503)).toEqual([]);
    }
    // /ready says what is wrong, in words that carry no secret.
    const refusedReady = duringRefuse.filter((s) => s.route === 'GET ready').pop();
    expect(refusedReady?.body).toEqual({
      status: 'unavailable',
      checks: { database: { ok: false, error: 'connection refused' } },
    });
    const resetReady = duringReset.filter((s) => s.route === 'GET ready').pop();
    expect(resetReady?.body).toEqual({
      status: 'unavailable',
      checks: { database: { ok: false, error: expect.stringMatching(/^connection (lost|reset)$/) } },
    });
    for (const s of unavailable) expect(s.text).not.toMatch(/postgres:|password|127\.0\.0\.1/);

    // Back within 10 s of the proxy forwarding again, by the same process and pool.
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - restoredAt).toBeLessThan(10_000);
    expect(after.filter((s) => s.status >= 300)).toEqual([]);
    expect(after.find((s) => s.route === 'GET ready')?.body).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true } },
    });
    expect(t.server.dataSource.isInitialized).toBe(true);
  });
});
