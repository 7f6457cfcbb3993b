import {
  ACCOUNT_CEILING,
  ACCOUNT_WINDOW_MS,
  CLIENT_CEILING,
  FREE_FAILURES,
  FailureStats,
  MAX_DELAY_MS,
  decidePasswordThrottle,
  isKnownDevice,
  knownDeviceToken,
  pairDelayMs,
} from './password-throttle';

const quiet: FailureStats = {
  pairFailures: 0,
  sinceLastPairFailureMs: null,
  clientFailures: 0,
  oldestClientFailureMs: null,
  accountFailures: 0,
  oldestAccountFailureMs: null,
};
const SECRET = 'unit-test-secret-0123456789abcdefghijklmnop';
const USER = '6f1c1b36-9a9e-4b5e-8f43-1f0d3f1c2a11';

describe('password throttle', () => {
  it('lets the first failures through, then doubles the wait up to fifteen minutes', () => {
    expect(pairDelayMs(FREE_FAILURES - 1)).toBe(0);
    expect([5, 6, 7, 8].map((n) => pairDelayMs(FREE_FAILURES + n - 5))).toEqual([1000, 2000, 4000, 8000]);
    expect(pairDelayMs(FREE_FAILURES + 40)).toBe(MAX_DELAY_MS);
  });

  it('asks a guessing address to wait the rest of its delay, and no longer once it has passed', () => {
    const stats = { ...quiet, pairFailures: FREE_FAILURES + 3, sinceLastPairFailureMs: 2500 };
    expect(decidePasswordThrottle(stats, false)).toEqual({ retryAfterSeconds: 6 });
    expect(decidePasswordThrottle({ ...stats, sinceLastPairFailureMs: 8000 }, false)).toBeNull();
    // A known device still waits out its own failures.
    expect(decidePasswordThrottle(stats, true)).toEqual({ retryAfterSeconds: 6 });
  });

  it('holds an account under a spread attack for unknown devices only', () => {
    const attacked = {
      ...quiet,
      accountFailures: ACCOUNT_CEILING,
      oldestAccountFailureMs: ACCOUNT_WINDOW_MS - 90_000,
    };
    expect(decidePasswordThrottle(attacked, false)).toEqual({ retryAfterSeconds: 90 });
    expect(decidePasswordThrottle(attacked, true)).toBeNull();
    expect(decidePasswordThrottle({ ...attacked, accountFailures: ACCOUNT_CEILING - 1 }, false)).toBeNull();
  });

  it('stops one address guessing across many accounts', () => {
    const stuffing = { ...quiet, clientFailures: CLIENT_CEILING, oldestClientFailureMs: 60_000 };
    expect(decidePasswordThrottle(stuffing, false)?.retryAfterSeconds).toBe(840);
  });

  it('recognises a known device only for the account it signed in to, until it expires', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const token = knownDeviceToken(USER, SECRET, now);
    expect(isKnownDevice(token, USER, SECRET, now)).toBe(true);
    expect(isKnownDevice(token, '0e8d3c1a-7d44-4d7b-9d7e-3a6c2b1f0e99', SECRET, now)).toBe(false);
    expect(isKnownDevice(token, USER, `${SECRET}x`, now)).toBe(false);
    expect(isKnownDevice(token, USER, SECRET, new Date('2027-01-01T00:00:00Z'))).toBe(false);
    expect(isKnownDevice(undefined, USER, SECRET, now)).toBe(false);
    expect(isKnownDevice('garbage', USER, SECRET, now)).toBe(false);
  });
});
