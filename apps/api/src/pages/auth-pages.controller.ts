import { Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env } from '@app/core';
import { AuthService, KNOWN_DEVICE_TTL_MS } from '@app/identity';
import { ClientIp, Public } from '../http/auth.guard';
import { setKnownDeviceCookie, setSessionCookie } from '../http/session-cookie';
import { html } from './html';
import { landingPath } from './landing';
import { RETURN_COOKIE } from './member-layout';
import { renderPage, smallPageT as t } from './page';
import { Form, PageForm } from './page-form';
import { MagicLinkPageForm } from './page-forms.dto';

/** The page a member asked a sign-in link from (member pages set it; @fastify/cookie decodes it). */
function readReturnPath(request: FastifyRequest): string | null {
  const raw = request.cookies?.[RETURN_COOKIE];
  return typeof raw === 'string' && raw !== '' ? raw : null;
}

/**
 * The page behind an emailed sign-in link. GET only shows a button (mail scanners prefetch links and
 * must not burn the token); the POST signs in and sends the member on (303): see landingPath.
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
      return renderPage(
        t('magicLink.incompleteTitle'),
        html`<p class="error">${t('magicLink.incompleteText')}</p>`,
      );
    // prettier-ignore
    return renderPage(
      t('magicLink.title'),
      html`<form method="post" action="/auth/magic">
<input type="hidden" name="token" value="${token}">
<p>${t('magicLink.press')}</p>
<button type="submit">${t('magicLink.submit')}</button>
</form>`,
    );
  }

  @Post('magic')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async signIn(
    @Form(MagicLinkPageForm) form: PageForm<MagicLinkPageForm>,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    try {
      const signedIn = await this.auth.consumeMagicLink(form.value().token, ip);
      setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
      setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
      // Back to the page the link was asked from (the return cookie, read once), else home; by way
      // of the first sign-in step while the account has not done it.
      const next = readReturnPath(request);
      void reply.clearCookie(RETURN_COOKIE, { path: '/' });
      void reply.status(303).header('Location', landingPath(signedIn.user, next));
      return '';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      void reply.status(error.code === 'RATE_LIMITED' ? 429 : 400);
      return renderPage(
        t('magicLink.failedTitle'),
        html`<p class="error">${t('magicLink.failedText')}</p>
          <p>${t('magicLink.askNew')}</p>`,
      );
    }
  }
}
