import { constantTimeEqual, hmac } from './tokens';

export interface SignedClaims {
  /** What the token may be used for, e.g. `rsvp-link`; a token for one purpose is refused for another. */
  purpose: string;
  /** Whom it is about. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  [claim: string]: string | number;
}

export type VerifyResult =
  | { ok: true; claims: SignedClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

/** `base64url(json).base64url(hmac)`: compact, URL-safe, verifiable without a database row. */
export function signToken(claims: SignedClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${hmac(secret, body)}`;
}

export function verifyToken(token: string, secret: string, purpose: string, now: Date): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 2 || parts[0].length === 0 || parts[0].length > 4096)
    return { ok: false, reason: 'malformed' };
  const [body, signature] = parts;
  if (!constantTimeEqual(hmac(secret, body), signature)) return { ok: false, reason: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (!constantTimeEqual(claims.purpose, purpose)) return { ok: false, reason: 'wrong_purpose' };
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function isClaims(value: unknown): value is SignedClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.purpose === 'string' && typeof v.sub === 'string' && typeof v.exp === 'number';
}
