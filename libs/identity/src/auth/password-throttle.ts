import { signToken, verifyToken } from '@app/core';

/**
 * Password sign-in throttling that cannot be turned against the account's owner (OWASP
 * authentication and credential-stuffing guidance). Three limits, read from recorded failures:
 *
 * 1. per (account, client address): the first FREE_FAILURES failures cost nothing, then each
 *    further attempt waits 1 s, 2 s, 4 s … up to 15 minutes after the last failure; a success
 *    from that address clears its failures. Someone else's failures never slow the owner.
 * 2. per client address, across accounts: CLIENT_CEILING failures in 15 minutes (stuffing many
 *    accounts from one address).
 * 3. per account, across addresses: ACCOUNT_CEILING failures in an hour — out of reach from one
 *    address under limit 1, so only a spread attack meets it. A browser that has signed in to the
 *    account before carries a signed known-device cookie and is exempt from both ceilings, so the
 *    owner keeps signing in during such an attack; a new device then uses an emailed link, which
 *    no password failure ever blocks.
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten, and pruned. */
export const FAILURE_MEMORY_MS = 24 * 3600_000;
export const CLIENT_WINDOW_MS = 15 * 60_000;
export const CLIENT_CEILING = 100;
export const ACCOUNT_WINDOW_MS = 3600_000;
export const ACCOUNT_CEILING = 100;

/** What the recorded failures say about one attempt; ages are milliseconds before now. */
export interface FailureStats {
  /** Failures of this account from this address in the last FAILURE_MEMORY_MS. */
  pairFailures: number;
  sinceLastPairFailureMs: number | null;
  /** Failures from this address, any account, in the last CLIENT_WINDOW_MS. */
  clientFailures: number;
  oldestClientFailureMs: number | null;
  /** Failures of this account, any address, in the last ACCOUNT_WINDOW_MS. */
  accountFailures: number;
  oldestAccountFailureMs: number | null;
}

/** The wait imposed after `failures` failures of one account from one address. */
export function pairDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - FREE_FAILURES, 30));
}

/** Null when the attempt may go ahead; otherwise how long to wait, in whole seconds (at least 1). */
export function decidePasswordThrottle(
  stats: FailureStats,
  knownDevice: boolean,
): { retryAfterSeconds: number } | null {
  const waits: number[] = [];
  const sinceLast = stats.sinceLastPairFailureMs ?? Infinity;
  const pairWait = pairDelayMs(stats.pairFailures) - sinceLast;
  if (pairWait > 0) waits.push(pairWait);
  if (!knownDevice) {
    // A ceiling lifts when its oldest counted failure leaves the window.
    if (stats.clientFailures >= CLIENT_CEILING)
      waits.push(CLIENT_WINDOW_MS - (stats.oldestClientFailureMs ?? CLIENT_WINDOW_MS));
    if (stats.accountFailures >= ACCOUNT_CEILING)
      waits.push(ACCOUNT_WINDOW_MS - (stats.oldestAccountFailureMs ?? ACCOUNT_WINDOW_MS));
  }
  if (waits.length === 0) return null;
  return { retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
}

const KNOWN_DEVICE_PURPOSE = 'known-device';
export const KNOWN_DEVICE_TTL_MS = 180 * 24 * 3600_000;

/** Given to a browser after it signs in (by password or emailed link): it has proved itself for this account. */
export function knownDeviceToken(userId: string, secret: string, now: Date): string {
  const exp = Math.floor((now.getTime() + KNOWN_DEVICE_TTL_MS) / 1000);
  return signToken({ purpose: KNOWN_DEVICE_PURPOSE, sub: userId, exp }, secret);
}

export function isKnownDevice(token: string | undefined, userId: string, secret: string, now: Date): boolean {
  if (!token || token.length > 1024) return false;
  const result = verifyToken(token, secret, KNOWN_DEVICE_PURPOSE, now);
  return result.ok && result.claims.sub === userId;
}
