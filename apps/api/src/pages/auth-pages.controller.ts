import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env } from '@app/core';
import { AuthService, KNOWN_DEVICE_TTL_MS, Principal } from '@app/identity';
import { ClientIp, OptionalUser, Public } from '../http/auth.guard';
import { setKnownDeviceCookie, setSessionCookie } from '../http/session-cookie';
import { html } from './html';
import { landingPath } from './landing';
import { MemberPageContext } from './member-context';
import { RETURN_COOKIE, Viewer, memberPage } from './member-layout';
import { Form, PageForm } from './page-form';
import { MagicLinkPageForm } from './page-forms.dto';
import { langQuery } from './recipient-viewer';

/** The page a member asked a sign-in link from (member pages set it; @fastify/cookie decodes it). */
function readReturnPath(request: FastifyRequest): string | null {
  const raw = request.cookies?.[RETURN_COOKIE];
  return typeof raw === 'string' && raw !== '' ? raw : null;
}

/**
 * The page behind an emailed sign-in link. GET only shows a button (mail scanners prefetch links and
 * must not burn the token); the POST signs in and sends the member on (303, see landingPath).
 * Member layout, in the language of the mail the link came in (its `lang`).
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class AuthPagesController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get('magic')
  async confirm(
    @OptionalUser() p: Principal | null,
    @Query('token') token: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const { t } = viewer;
    if (!token || token.length > 200) {
      return this.noReferrer(
        reply,
        this.message(viewer, t('magicLink.incompleteTitle'), t('magicLink.incompleteText')),
      );
    }
    // prettier-ignore
    return this.noReferrer(reply, memberPage(
      viewer,
      t('magicLink.title'),
      html`<h1>${t('magicLink.title')}</h1>
<section class="card"><form method="post" action="/auth/magic${langQuery(request)}">
<input type="hidden" name="token" value="${token}">
<p>${t('magicLink.press')}</p>
<button type="submit">${t('magicLink.submit')}</button>
</form></section>`,
    ));
  }

  @Post('magic')
  @HttpCode(200)
  async signIn(
    @OptionalUser() p: Principal | null,
    @Form(MagicLinkPageForm) form: PageForm<MagicLinkPageForm>,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    // Another site's form must not sign this browser into someone else's account (login CSRF);
    // the token is left unused.
    if (!this.pages.sameOrigin(request)) return this.pages.refused(reply, viewer);
    try {
      const signedIn = await this.auth.consumeMagicLink(form.value().token, ip);
      setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
      setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
      // Back to the page the link was asked from (the return cookie, read once), else home; by way
      // of the first sign-in step while the account has not done it.
      const next = readReturnPath(request);
      void reply.clearCookie(RETURN_COOKIE, { path: '/' });
      return this.pages.redirect(reply, landingPath(signedIn.user, next));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { t } = viewer;
      return this.pages.send(
        reply,
        this.message(viewer, t('magicLink.failedTitle'), t('magicLink.failedText'), t('magicLink.askNew')),
        error.code === 'RATE_LIMITED' ? 429 : 400,
      );
    }
  }

  /** The link's token is in this page's address: it goes nowhere, not even in a Referer. */
  private noReferrer(reply: FastifyReply, body: string): string {
    this.pages.send(reply, body);
    void reply.header('Referrer-Policy', 'no-referrer');
    return body;
  }

  private message(viewer: Viewer, title: string, text: string, more?: string): string {
    return memberPage(
      viewer,
      title,
      html`<h1>${title}</h1>
        <div class="banner danger" role="alert"><p>${text}</p></div>
        ${more ? html`<p><a href="/sign-in">${more}</a></p>` : ''}`,
    );
  }
}
