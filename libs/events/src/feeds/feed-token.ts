import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@app/core';

/**
 * The secret in a personal feed URL: the user id and an HMAC over it and a version. Rotating bumps
 * the version, which invalidates every earlier URL without storing any token.
 */
export function feedToken(userId: string, version: number, secret: string): string {
  const id = userId.replace(/-/g, '');
  return `${id}${mac(id, version, secret)}`;
}

export function feedTokenUserId(token: string): string | null {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const id = token.slice(0, 32);
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

export function feedTokenMatches(token: string, userId: string, version: number, secret: string): boolean {
  return constantTimeEqual(token, feedToken(userId, version, secret));
}

function mac(id: string, version: number, secret: string): string {
  return createHmac('sha256', secret).update(`personal-feed:${id}:${version}`).digest('hex').slice(0, 32);
}
