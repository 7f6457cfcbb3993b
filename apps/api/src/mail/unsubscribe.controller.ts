import { Controller, Get, Header, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiTextResponse } from '../http/api-responses';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock, Env, verifyToken } from '@app/core';
import { UNSUBSCRIBE_PURPOSE } from '@app/events';
import { Principal, UsersService } from '@app/identity';
import { MailPreferencesService, OPT_OUT_CATEGORIES, OptOutCategory } from '@app/mail';
import { OptionalUser, Public } from '../http/auth.guard';
import { html } from '../pages/html';
import { MemberPageContext } from '../pages/member-context';
import { invalidUnsubscribeLink, langQuery, mailLinkPage, mailLinkViewer } from '../pages/recipient-viewer';

/**
 * RFC 8058 one-click unsubscribe. Mail clients POST to the List-Unsubscribe URL without cookies; a
 * GET (a person, or a link scanner) only shows a page with a button and changes nothing.
 * The pages may name whoever is signed in and carry the token in their address: never cached
 * (no-store), never sent on as a Referer.
 */
@ApiTags('mail')
@ApiErrorResponses(400, 404)
@Public()
@Controller('api/unsubscribe')
export class UnsubscribeController {
  constructor(
    @Inject(MailPreferencesService) private readonly preferences: MailPreferencesService,
    @Inject(Env) private readonly env: Env,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Get(':token')
  @ApiTextResponse('text/html', 'A page whose button confirms')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const claims = this.claims(token);
    const viewer = await mailLinkViewer(this.pages, this.users, request, p, claims?.userId ?? null);
    if (!claims) return invalidUnsubscribeLink(reply, viewer);
    const { t } = viewer;
    const { category } = claims;
    // prettier-ignore
    return mailLinkPage(
      viewer,
      t('unsubscribe.title'),
      html`<form method="post" action="/api/unsubscribe/${token}${langQuery(request)}">
<p>${t('unsubscribe.ask', { category })}</p>
<button type="submit">${t('unsubscribe.submit')}</button>
</form>`,
    );
  }

  @Post(':token')
  @ApiTextResponse('text/html', 'The confirmation page')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async unsubscribe(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const claims = this.claims(token);
    if (claims) await this.preferences.optOut(claims.userId, claims.category);
    const viewer = await mailLinkViewer(this.pages, this.users, request, p, claims?.userId ?? null);
    if (!claims) return invalidUnsubscribeLink(reply, viewer);
    const { t } = viewer;
    const title = t('unsubscribe.doneTitle');
    return mailLinkPage(viewer, title, html`<p>${t('unsubscribe.done', { category: claims.category })}</p>`);
  }

  private claims(token: string): { userId: string; category: OptOutCategory } | null {
    const result = verifyToken(token, this.env.signingSecret, UNSUBSCRIBE_PURPOSE, this.clock.now());
    if (!result.ok) return null;
    const category = result.claims.category;
    return OPT_OUT_CATEGORIES.includes(category as OptOutCategory)
      ? { userId: result.claims.sub, category: category as OptOutCategory }
      : null;
  }
}
