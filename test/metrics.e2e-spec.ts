import request from 'supertest';
import { TestApp, startTestApp } from './support/app';
import { Person, groupWithTopic, waitUntil, withoutRequestId } from './support/fixtures';
import {
  SmtpClient,
  createEvent,
  inboundPort,
  invitationOf,
  invite,
  reply,
  rsvpOf,
  smtpClient,
} from './support/inbound';
import { hasMetric, sample } from './support/metrics';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnopqrstuvwxyz';

async function scrape(t: TestApp): Promise<string> {
  const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

describe('GET /metrics (e2e)', () => {
  describe('behind METRICS_TOKEN', () => {
    let t: TestApp;
    let client: SmtpClient;
    let organizer: Person;
    let members: Person[];

    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: TOKEN });
      client = smtpClient(inboundPort(t));
      ({ organizer, participants: members } = await groupWithTopic(t, 'metrics', { participants: 3 }));
    });
    afterAll(async () => {
      client.close();
      await t.close();
    });

    it('refuses a scrape without the token, or with a wrong one, in the error shape', async () => {
      const none = await t.http().get('/metrics').expect(401);
      expect(none.body).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'A valid metrics token is required',
        requestId: expect.any(String),
      });
      const wrong = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
      expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(none.body));
      const short = await t.http().get('/metrics').set('Authorization', 'Bearer x').expect(401);
      expect(withoutRequestId(short.body)).toEqual(withoutRequestId(none.body));
      const basic = await t.http().get('/metrics').set('Authorization', `Basic ${TOKEN}`).expect(401);
      expect(withoutRequestId(basic.body)).toEqual(withoutRequestId(none.body));
      expect(await scrape(t)).toContain('hearth_http_requests_total');
    });

    it('counts a scripted run: sign-in, invitations, a web RSVP, a calendar reply, the mail sent', async () => {
      const [webMember, calendarMember] = members;
      const eventId = await createEvent(t, 'metrics', organizer, { capacity: 10 });
      const sentBefore = await sentCount(t);
      const before = await scrape(t);

      // Sign-in by password.
      await t
        .http()
        .put('/api/me/password')
        .set('Cookie', organizer.cookie)
        .send({ newPassword: 'correct horse battery' })
        .expect(204);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: organizer.email, password: 'correct horse battery' })
        .expect(200);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: organizer.email, password: 'wrong one!' })
        .expect(401);
      // The fan-out: three invitations.
      await invite(
        t,
        eventId,
        members.map((m) => m.userId),
      );
      // A web RSVP.
      await t
        .http()
        .post(`/api/events/${eventId}/rsvps`)
        .set('Cookie', webMember.cookie)
        .send({ status: 'going' })
        .expect(200);
      // A calendar reply by email.
      const inv = await invitationOf(t, eventId, calendarMember.userId);
      const sent = await client.send(
        reply({
          attendee: calendarMember.email,
          uid: inv.uid,
          organizer: inv.address,
          sequence: inv.sequence,
        }),
        inv.address,
        calendarMember.email,
      );
      expect(sent.ok).toBe(true);
      expect(await rsvpOf(t, eventId, calendarMember.userId)).toEqual({
        status: 'going',
        source: 'calendar',
      });
      // Everything queued has left.
      await waitUntil(async () => (await pendingCount(t)) === 0);
      const sentDuring = (await sentCount(t)) - sentBefore;
      expect(sentDuring).toBe(5); // three invitations, two "you're going" notices

      const after = await scrape(t);
      const delta = (name: string, labels: Record<string, string> = {}) =>
        sample(after, name, labels) - sample(before, name, labels);

      expect(
        delta('hearth_http_requests_total', { method: 'POST', route: '/api/auth/login', status: '200' }),
      ).toBe(1);
      expect(
        delta('hearth_http_requests_total', { method: 'POST', route: '/api/auth/login', status: '401' }),
      ).toBe(1);
      expect(
        delta('hearth_http_requests_total', {
          method: 'POST',
          route: '/api/events/:id/rsvps',
          status: '200',
        }),
      ).toBe(1);
      expect(
        delta('hearth_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/api/events/:id/rsvps',
          status_class: '2xx',
        }),
      ).toBe(1);
      expect(delta('hearth_mail_queued_total', { kind: 'invitation' })).toBe(3);
      expect(delta('hearth_mail_queued_total', { kind: 'confirmed' })).toBe(2);
      expect(delta('hearth_rsvp_changes_total', { source: 'web', status: 'going' })).toBe(1);
      expect(delta('hearth_rsvp_changes_total', { source: 'calendar', status: 'going' })).toBe(1);
      expect(delta('hearth_rsvp_changes_total')).toBe(2);
      expect(
        delta('hearth_inbound_messages_total', { channel: 'smtp', outcome: 'applied', reason: 'none' }),
      ).toBe(1);
      expect(delta('hearth_inbound_messages_total')).toBe(1);
      expect(delta('hearth_outbox_sends_total', { result: 'sent' })).toBe(5);
      expect(delta('hearth_outbox_sends_total')).toBe(5);
      expect(sample(after, 'hearth_outbox_depth')).toBe(0);
      expect(sample(after, 'hearth_outbox_oldest_age_seconds')).toBe(0);

      // The pool, the process and the event loop.
      expect(sample(after, 'hearth_db_pool_connections')).toBeGreaterThan(0);
      expect(sample(after, 'hearth_db_pool_connections')).toBeLessThanOrEqual(10);
      expect(hasMetric(after, 'hearth_db_pool_idle')).toBe(true);
      expect(hasMetric(after, 'hearth_db_pool_waiting')).toBe(true);
      expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(hasMetric(after, 'nodejs_eventloop_lag_seconds')).toBe(true);

      // Labels carry route patterns, never ids, addresses or tokens.
      expect(after).not.toContain(eventId);
      expect(after).not.toContain(organizer.userId);
      expect(after).not.toContain('@');
      expect(after).not.toContain(TOKEN);
    });
  });

  describe('without METRICS_TOKEN, on METRICS_PORT', () => {
    let t: TestApp;

    beforeAll(async () => {
      // API only: nothing drains the outbox, so what is queued stays queued.
      t = await startTestApp({ HEARTH_ROLE: 'api', METRICS_PORT: '0' });
    });
    afterAll(() => t.close());

    it('answers /metrics on the API port as it answers any unknown route', async () => {
      const metrics = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
      const unknown = await t.http().get('/no-such-route').expect(404);
      expect(withoutRequestId(metrics.body)).toEqual({
        ...withoutRequestId(unknown.body),
        message: unknown.body.message.replace('/no-such-route', '/metrics'),
      });
      expect(metrics.body.code).toBe('NOT_FOUND');
    });

    it('serves the outbox depth and oldest age on 127.0.0.1 without a token, read from the database', async () => {
      expect(t.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { organizer, participants } = await groupWithTopic(t, 'gauges', { participants: 2 });
      const eventId = await createEvent(t, 'gauges', organizer, { capacity: 10 });
      const queued = await pendingCount(t);
      await invite(
        t,
        eventId,
        participants.map((p) => p.userId),
      );
      await t.dataSource.query(
        `UPDATE outbox_messages SET created_at = now() - interval '15 minutes' WHERE event_id = $1`,
        [eventId],
      );
      const res = await request(t.server.metricsUrl ?? '')
        .get('/metrics')
        .expect(200);
      expect(sample(res.text, 'hearth_outbox_depth')).toBe(queued + 2);
      expect(sample(res.text, 'hearth_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(900);
      expect(sample(res.text, 'hearth_outbox_oldest_age_seconds')).toBeLessThan(960);
      await request(t.server.metricsUrl ?? '')
        .get('/other')
        .expect(404);
    });
  });

  it('is served by a worker-only process on METRICS_PORT (it has no HTTP API)', async () => {
    const worker = await startTestApp({ HEARTH_ROLE: 'worker', METRICS_PORT: '0' });
    try {
      expect(worker.server.url).toBeNull();
      const res = await request(worker.server.metricsUrl ?? '')
        .get('/metrics')
        .expect(200);
      expect(hasMetric(res.text, 'hearth_outbox_depth')).toBe(true);
      expect(res.text).toContain('# TYPE hearth_outbox_sends_total counter');
      expect(hasMetric(res.text, 'nodejs_eventloop_lag_seconds')).toBe(true);
    } finally {
      await worker.close();
    }
  });
});

async function sentCount(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sent'`,
  );
  return row.n as number;
}

async function pendingCount(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending', 'retrying')`,
  );
  return row.n as number;
}
