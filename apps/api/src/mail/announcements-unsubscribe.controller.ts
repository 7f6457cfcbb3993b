import { Controller, Get, Header, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE, AnnouncementsService } from '@app/community';
import { Clock, Env, isUuid, verifyToken } from '@app/core';
import { Principal, UsersService } from '@app/identity';
import { ApiErrorResponses, ApiTextResponse } from '../http/api-responses';
import { OptionalUser, Public } from '../http/auth.guard';
import { html } from '../pages/html';
import { MemberPageContext } from '../pages/member-context';
import { invalidUnsubscribeLink, langQuery, mailLinkPage, mailLinkViewer } from '../pages/recipient-viewer';

/**
 * RFC 8058 one-click unsubscribe from group announcements (new topics and events). The token names
 * the groups the mail spoke for; the POST sets the person's announcements for those groups to
 * 'none' (other groups, invitations and reminders are untouched; the account's global
 * 'announcements' opt-out stops them all). A GET only shows a page whose button POSTs.
 * The pages may name whoever is signed in and carry the token in their address: never cached
 * (no-store), never sent on as a Referer.
 */
@ApiTags('mail')
@ApiErrorResponses(400)
@Public()
@Controller('api/unsubscribe/announcements')
export class AnnouncementsUnsubscribeController {
  constructor(
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
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
    // prettier-ignore
    return mailLinkPage(
      viewer,
      t('unsubscribe.title'),
      html`<form method="post" action="/api/unsubscribe/announcements/${token}${langQuery(request)}">
<p>${t('unsubscribe.askAnnouncements')}</p>
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
    if (claims) await this.announcements.stopFor(claims.userId, claims.groupIds);
    const viewer = await mailLinkViewer(this.pages, this.users, request, p, claims?.userId ?? null);
    if (!claims) return invalidUnsubscribeLink(reply, viewer);
    const { t } = viewer;
    return mailLinkPage(
      viewer,
      t('unsubscribe.doneTitle'),
      html`<p>${t('unsubscribe.doneAnnouncements')}</p>`,
    );
  }

  private claims(token: string): { userId: string; groupIds: string[] } | null {
    const result = verifyToken(
      token,
      this.env.signingSecret,
      ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE,
      this.clock.now(),
    );
    if (!result.ok) return null;
    const { sub, groups } = result.claims;
    const groupIds = typeof groups === 'string' ? groups.split(',') : [];
    if (!isUuid(sub) || groupIds.length === 0 || !groupIds.every((g) => isUuid(g))) return null;
    return { userId: sub, groupIds };
  }
}
