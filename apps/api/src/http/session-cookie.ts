import type { FastifyReply } from 'fastify';
import { Env } from '@app/core';
import { SESSION_COOKIE } from './auth.guard';

export function setSessionCookie(reply: FastifyReply, env: Env, token: string, expiresAt: Date): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: env.secureCookies,
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, env: Env): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    secure: env.secureCookies,
    sameSite: 'lax',
    path: '/',
  });
}

/**
 * Marks this browser as one that has signed in to the account: it stays exempt from the
 * per-account password ceiling while others' failures pile up (see password-throttle). Sent only
 * to the sign-in endpoints, and kept after sign-out on purpose.
 */
export const KNOWN_DEVICE_COOKIE = 'hearth_device';

export function setKnownDeviceCookie(reply: FastifyReply, env: Env, token: string, maxAgeMs: number): void {
  void reply.setCookie(KNOWN_DEVICE_COOKIE, token, {
    httpOnly: true,
    secure: env.secureCookies,
    sameSite: 'lax',
    path: '/api/auth',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
