import { Controller, Get, Header, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Env } from '@app/core';
import { AuthService, KNOWN_DEVICE_TTL_MS } from '@app/identity';
import { ClientIp, Public } from '../http/auth.guard';
import { setKnownDeviceCookie, setSessionCookie } from '../http/session-cookie';
import { html } from './html';
import { renderPage, smallPageT as t } from './page';
import { Form, PageForm } from './page-form';
import { MagicLinkPageForm } from './page-forms.dto';

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
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    try {
      const signedIn = await this.auth.consumeMagicLink(form.value().token, ip);
      setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
      setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
      const signedInAs = t('magicLink.signedInAs', { email: signedIn.user.email });
      return renderPage(
        t('magicLink.welcome', { name: signedIn.user.displayName }),
        html`<p>${signedInAs}</p>
          <p><a href="/admin/">${t('magicLink.continue')}</a></p>`,
      );
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
