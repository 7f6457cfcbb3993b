import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Env, escapeHtml } from '@app/core';
import { AuthService, KNOWN_DEVICE_TTL_MS } from '@app/identity';
import { ClientIp, Public } from '../http/auth.guard';
import { setKnownDeviceCookie, setSessionCookie } from '../http/session-cookie';
import { renderPage } from './page';

/**
 * The page behind an emailed sign-in link. GET only shows a button (mail scanners prefetch links and
 * must not burn the token); the POST signs in.
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class AuthPagesController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get('magic')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  confirm(@Query('token') token?: string): string {
    if (!token || token.length > 200)
      return renderPage('Sign-in link', '<p class="error">This sign-in link is incomplete.</p>');
    return renderPage(
      'Sign in to Hearth',
      `<form method="post" action="/auth/magic">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<p>Press the button to finish signing in.</p>
<button type="submit">Sign in</button>
</form>`,
    );
  }

  @Post('magic')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async signIn(
    @Body() body: Record<string, unknown>,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = typeof body?.token === 'string' ? body.token : '';
    try {
      const signedIn = await this.auth.consumeMagicLink(token, ip);
      setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
      setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
      return renderPage(
        `Welcome, ${signedIn.user.displayName}`,
        `<p>You are signed in as ${escapeHtml(signedIn.user.email)}.</p><p><a href="/admin/">Continue to Hearth</a></p>`,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      void reply.status(error.code === 'RATE_LIMITED' ? 429 : 400);
      return renderPage(
        'This link cannot be used',
        '<p class="error">The sign-in link is invalid, has been used already, or has expired.</p><p>Ask for a new one from the sign-in page.</p>',
      );
    }
  }
}
