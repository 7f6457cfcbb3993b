import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRET, TestApp, linkIn, startTestApp } from './support/app';
import { Person, groupWithTopic, person, waitUntil } from './support/fixtures';
import { createEvent, inboundPort, invitationOf, invite, reply, rsvpOf, smtpClient } from './support/inbound';

interface LogLine {
  level: number;
  time: number;
  msg: string;
  reqId?: string;
  route?: string;
  statusCode?: number;
  [key: string]: unknown;
}

const PASSWORD = 'correct horse battery staple';
const VENUE = 'Hidden Lane 7, Berlin';

/**
 * A representative run with every log level on, written to LOG_FILE: every line is JSON, request
 * lines carry the id the client saw, and nothing personal (addresses, names, tokens, venue) is in it.
 */
describe('logs (e2e)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hearth-logs-')), 'hearth.log');
  let t: TestApp;
  let closed = false;

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_FILE: file },
      { logLevels: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] },
    );
  });
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('writes one JSON line per event with request ids and no personal data', async () => {
    const secrets: string[] = [TEST_SECRET, PASSWORD, VENUE];
    const named = async (p: Person, name: string): Promise<Person> => {
      await t.sessionFor(p.email, name);
      secrets.push(p.email, name, p.cookie.split('=')[1]);
      return p;
    };
    const { organizer, participants } = await groupWithTopic(t, 'logs', { participants: 2 });
    await named(organizer, 'Zephyrine Quillfeather');
    const [webMember, calendarMember] = [
      await named(participants[0], 'Bartholomew Inkwell'),
      await named(participants[1], 'Cordelia Mossbank'),
    ];

    // Sign-in by password, and a wrong one answered with the client's own request id.
    await t
      .http()
      .put('/api/me/password')
      .set('Cookie', organizer.cookie)
      .send({ newPassword: PASSWORD })
      .expect(204);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: organizer.email, password: PASSWORD })
      .expect(200);
    secrets.push(
      ...(login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0].split('=')[1]),
    );
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .set('X-Request-Id', 'trace-4f2a-login')
      .send({ email: organizer.email, password: 'not the password' })
      .expect(401);
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      requestId: 'trace-4f2a-login',
    });
    expect(wrong.headers['x-request-id']).toBe('trace-4f2a-login');
    // An id that is not sane is replaced, and the replacement is what the client sees.
    const odd = await t
      .http()
      .get('/api/no-such-thing')
      .set('X-Request-Id', 'has spaces {and braces}')
      .expect(404);
    expect(odd.body.requestId).toEqual(expect.any(String));
    expect(odd.body.requestId).not.toBe('has spaces {and braces}');
    expect(odd.headers['x-request-id']).toBe(odd.body.requestId);
    const badJson = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(badJson.headers['x-request-id']).toBe(badJson.body.requestId);

    // Sign-in by magic link.
    const newcomer = 'newcomer.fernsby@logs.test';
    secrets.push(newcomer);
    await t.http().post('/api/auth/magic-link').send({ email: newcomer }).expect(202);
    const mail = await t.smtp.waitFor(newcomer);
    const token = new URL(linkIn(mail.parsed.text, /\/auth\/magic\?token=/)).searchParams.get('token') ?? '';
    secrets.push(token);
    const consumed = await t.http().post('/api/auth/magic-link/consume').send({ token }).expect(200);
    secrets.push(
      ...(consumed.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0].split('=')[1]),
    );

    // A group join.
    const joiner = await named(await person(t, 'joiner.ashgrove@logs.test'), 'Peregrine Ashgrove');
    await t.http().post('/api/groups/logs/join').set('Cookie', joiner.cookie).expect(200);

    // Invitations, a web RSVP, a calendar reply, and the mail they cause.
    const eventId = await createEvent(t, 'logs', organizer, { capacity: 10, venueAddress: VENUE });
    await invite(t, eventId, [webMember.userId, calendarMember.userId]);
    await t
      .http()
      .post(`/api/events/${eventId}/rsvps`)
      .set('Cookie', webMember.cookie)
      .send({ status: 'going' })
      .expect(200);
    const inv = await invitationOf(t, eventId, calendarMember.userId);
    secrets.push(inv.address, inv.address.split('@')[0].replace(/^rsvp\+/, ''));
    const client = smtpClient(inboundPort(t));
    try {
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
    } finally {
      client.close();
    }
    expect(await rsvpOf(t, eventId, calendarMember.userId)).toEqual({ status: 'going', source: 'calendar' });
    await waitUntil(async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending', 'retrying')`,
      );
      return row.n === 0;
    });
    // The links in the mail carry tokens too.
    for (const m of t.smtp.received) {
      for (const link of (m.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? []) {
        for (const value of new URL(link).searchParams.values()) if (value.length >= 16) secrets.push(value);
      }
    }

    await t.close();
    closed = true;

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(20);
    const entries = lines.map((l) => JSON.parse(l) as LogLine);
    for (const entry of entries) {
      expect(entry).toEqual(
        expect.objectContaining({
          level: expect.any(Number),
          time: expect.any(Number),
          msg: expect.any(String),
        }),
      );
    }
    // Request lines carry the id the client saw, and the route pattern rather than the URL.
    expect(entries).toContainEqual(
      expect.objectContaining({ reqId: 'trace-4f2a-login', route: '/api/auth/login', statusCode: 401 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ reqId: odd.body.requestId, route: 'unmatched', statusCode: 404 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ route: '/api/events/:id/rsvps', statusCode: 200, method: 'POST' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'inbound message settled',
        outcome: 'applied',
        inboundId: expect.any(String),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'outbox message sent', outboxId: expect.any(String) }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        context: 'AuthService',
        msg: expect.stringMatching(/password sign-in user=/),
      }),
    );

    // Nothing personal, in any line.
    expect(secrets.filter((s) => s.length < 6)).toEqual([]);
    for (const secret of secrets) {
      const found = lines.find((l) => l.toLowerCase().includes(secret.toLowerCase()));
      expect({ secret, found }).toEqual({ secret, found: undefined });
    }
    expect(text).not.toMatch(/[a-z0-9.+-]+@[a-z0-9-]+\.test/i);
    expect(text).not.toContain('token=');
  });
});
