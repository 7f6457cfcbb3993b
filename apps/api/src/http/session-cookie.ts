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
