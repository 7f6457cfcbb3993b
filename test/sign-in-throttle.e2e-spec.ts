import request from 'supertest';
import { queryRows } from '../libs/core/src';
import { AuthService } from '../libs/identity/src';
import { failureKeys } from '../libs/identity/src/auth/password-failures.repository';
import { TestApp, startTestApp } from './support/app';

/**
 * Password throttling must not let anyone lock a person out (README, "Sign-in throttling"): limits
 * key on (account, client address) with growing delays, one address is capped across accounts,
 * and the per-account ceiling spares the browser the owner signed in with before. Client
 * addresses come from X-Forwarded-For as set by one reverse proxy (TRUST_PROXY=1).
 */

const PASSWORD = 'correct horse battery staple';
const OWNER_ADDRESS = '203.0.113.7';
const attacker = (i: number): string => `198.51.100.${i + 1}`;

describe('sign-in throttling (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  async function account(email: string): Promise<void> {
    const { cookie } = await t.sessionFor(email);
    await t.http().put('/api/me/password').set('Cookie', cookie).send({ newPassword: PASSWORD }).expect(204);
  }

  const login = (email: string, password: string, address: string, cookie?: string): request.Test => {
    const req = t.http().post('/api/auth/login').set('X-Forwarded-For', address);
    return (cookie ? req.set('Cookie', cookie) : req).send({ email, password });
  };

  /** `failures` failed attempts of `email` from `address`, the latest `latestAgoS` seconds ago, one `stepS` apart. */
  async function recordFailures(
    rows: Array<{ email: string; address: string; agoS: number }>,
  ): Promise<void> {
    const keys = rows.map((r) => failureKeys(r.email, r.address));
    await t.dataSource.query(
      `INSERT INTO password_failures (account_hash, client_hash, failed_at)
       SELECT a, c, now() - make_interval(secs => s) FROM unnest($1::text[], $2::text[], $3::float8[]) AS x(a, c, s)`,
      [keys.map((k) => k.account), keys.map((k) => k.client), rows.map((r) => r.agoS)],
    );
  }

  /**
   * Dates the latest failure of `email` from `address` now, as if the next attempt came at once. The
   * first wait is 1 s from that failure, which is recorded before the password is checked: on a
   * loaded machine the hashing and a few requests can take longer than that, and the attempts the
   * test means to make "at once" would then be let through and verified.
   */
  async function failedJustNow(email: string, address: string): Promise<void> {
    const { account, client } = failureKeys(email, address);
    const updated = await queryRows(
      t.dataSource,
      `UPDATE password_failures SET failed_at = now() WHERE id = (
         SELECT id FROM password_failures WHERE account_hash = $1 AND client_hash = $2
          ORDER BY failed_at DESC LIMIT 1) RETURNING id`,
      [account, client],
    );
    expect(updated).toHaveLength(1);
  }

  const expectThrottled = (res: request.Response, retryAfter?: number): number => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many sign-in attempts; try again later, or sign in with an emailed link',
      details: { retryAfterSeconds: expect.any(Number) },
      requestId: expect.any(String),
    });
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBe(res.body.details.retryAfterSeconds);
    if (retryAfter !== undefined) expect(seconds).toBe(retryAfter);
    return seconds;
  };

  it('slows the guessing address only: the owner signs in from elsewhere after ten wrong passwords', async () => {
    await account('kim@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      if (i >= 5) await failedJustNow('kim@example.org', attacker(0));
      statuses.push((await login('kim@example.org', 'wrong guess!', attacker(0))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    // Throttled attempts are not verified, and not even the right password gets through there.
    await failedJustNow('kim@example.org', attacker(0));
    expectThrottled(await login('kim@example.org', PASSWORD, attacker(0)), 1);
    await login('kim@example.org', PASSWORD, OWNER_ADDRESS).expect(200);
  });

  it('takes the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    await account('max@example.org');
    for (let i = 0; i < 5; i++) await login('max@example.org', 'wrong guess!', attacker(5)).expect(401);
    // The proxy appends the address it saw; what the client sent stays to its left.
    await failedJustNow('max@example.org', attacker(5));
    const spoofed = await login('max@example.org', PASSWORD, `192.0.2.50, ${attacker(5)}`);
    expectThrottled(spoofed);
    await login('max@example.org', PASSWORD, `${attacker(5)}, 192.0.2.51`).expect(200);
  });

  it('doubles the wait with every further failure from one address', async () => {
    await account('lee@example.org');
    const waits: number[] = [];
    for (const [i, failures] of [6, 8, 10, 12].entries()) {
      await recordFailures(
        Array.from({ length: failures }, (_, k) => ({
          email: 'lee@example.org',
          address: attacker(10 + i),
          agoS: k === 0 ? 0 : 600 + k,
        })),
      );
      waits.push(expectThrottled(await login('lee@example.org', 'another guess', attacker(10 + i))));
    }
    expect(waits).toEqual([2, 8, 32, 128]);
  });

  it('keeps the owner signing in, from their own browser, under 1,000 failures from 50 addresses', async () => {
    await account('sam@example.org');
    const first = await login('sam@example.org', PASSWORD, OWNER_ADDRESS).expect(200);
    const device = (first.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('hearth_device='));
    expect(device).toBeDefined();
    expect((first.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(
      /hearth_device=[^;]+;.*Path=\/api\/auth;.*HttpOnly/,
    );

    // 20 failures from each of 50 addresses within the last 17 minutes, the latest a few seconds ago.
    await recordFailures(
      Array.from({ length: 1000 }, (_, n) => ({
        email: 'Sam@Example.org',
        address: attacker(100 + (n % 50)),
        agoS: Math.floor(n / 50) * 50 + (n % 50),
      })),
    );

    // Every attacking address is held back, even with the right password.
    for (const i of [0, 25, 49]) {
      const wait = expectThrottled(await login('sam@example.org', PASSWORD, attacker(100 + i)));
      expect(wait).toBeGreaterThan(800);
    }
    // A new address meets the account's ceiling: someone there may use an emailed link instead.
    expectThrottled(await login('sam@example.org', PASSWORD, '192.0.2.99'));
    // The owner's browser, which signed in before, is exempt from the ceiling.
    const again = await login('sam@example.org', PASSWORD, OWNER_ADDRESS, device).expect(200);
    expect(again.body.user.email).toBe('sam@example.org');
    // A device cookie of another account opens nothing here.
    await account('other@example.org');
    const other = await login('other@example.org', PASSWORD, OWNER_ADDRESS).expect(200);
    const otherDevice = (other.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('hearth_device='));
    expectThrottled(await login('sam@example.org', PASSWORD, '192.0.2.99', otherDevice));

    // An emailed link always signs in, from any address, while passwords are throttled.
    const auth = t.server.app.get(AuthService);
    const token = await auth.createMagicLink(t.dataSource.manager, 'sam@example.org', 'sign_in', 15);
    const consumed = await t
      .http()
      .post('/api/auth/magic-link/consume')
      .set('X-Forwarded-For', attacker(100))
      .send({ token })
      .expect(200);
    expect(consumed.body.user.email).toBe('sam@example.org');
  });

  it('stops one address guessing across many accounts, without holding other addresses back', async () => {
    await account('ana@example.org');
    await recordFailures(
      Array.from({ length: 100 }, (_, n) => ({
        email: `victim${n}@example.org`,
        address: attacker(200),
        agoS: n,
      })),
    );
    const wait = expectThrottled(await login('ana@example.org', PASSWORD, attacker(200)));
    expect(wait).toBeGreaterThan(700);
    await login('ana@example.org', PASSWORD, attacker(201)).expect(200);
  });

  it('forgives an address its failures once it signs in, and throttles unknown accounts alike', async () => {
    await account('bo@example.org');
    for (let i = 0; i < 3; i++) await login('bo@example.org', 'not it at all', attacker(210)).expect(401);
    await login('bo@example.org', PASSWORD, attacker(210)).expect(200);
    const { account: key, client } = failureKeys('bo@example.org', attacker(210));
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM password_failures WHERE account_hash = $1 AND client_hash = $2`,
      [key, client],
    );
    expect(n).toBe(0);
    for (let i = 0; i < 5; i++)
      await login('nobody-here@example.org', 'guess guess', attacker(211)).expect(401);
    await failedJustNow('nobody-here@example.org', attacker(211));
    expectThrottled(await login('nobody-here@example.org', 'guess guess', attacker(211)), 1);
  });
});
