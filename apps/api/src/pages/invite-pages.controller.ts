import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GroupInvitesService, InviteDescription } from '@app/community';
import { DomainError, Env } from '@app/core';
import { Principal } from '@app/identity';
import { ClientIp, OptionalUser, Public } from '../http/auth.guard';
import { setSessionCookie } from '../http/session-cookie';
import { InviteState, renderInvitePage } from './invite-page.view';
import { landingPath } from './landing';
import { MemberPageContext } from './member-context';
import { memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';

const MAX_TOKEN = 200;

/**
 * The group invitation page (issue 12.3). GET shows who invited whom to which group (and its code of
 * conduct) and changes nothing, so mail scanners prefetching the link do nothing. The one button
 * POSTs (rate-limited per client address): signed in as the invited address, it joins; signed out,
 * it creates, signs in and joins the invited address only when that address has no account yet. An
 * existing account is never signed in by the link: the page offers a sign-in link emailed to the
 * invited address (POST /sign-in, returning here afterwards), and accepting signed in completes it.
 * A different signed-in account is refused (403) with a sign-out button; an unknown, expired, used or
 * revoked link gets a page saying which (404).
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller('invites')
export class InvitePagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(GroupInvitesService) private readonly invites: GroupInvitesService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get(':token')
  async show(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const invite = token.length > MAX_TOKEN ? null : await this.invites.describe(token);
    const { state, status } = this.stateOf(invite, p);
    const body = this.pages.send(
      reply,
      memberPage(viewer, viewer.t('invite.title'), renderInvitePage(viewer, token, state)),
      status,
    );
    void reply.header('Referrer-Policy', 'no-referrer');
    return body;
  }

  @Post(':token')
  @HttpCode(200)
  async accept(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.pages.assertSameOrigin(request);
    let state: InviteState;
    let status = 200;
    const viewer = await this.pages.viewer(request, p);
    try {
      if (token.length > MAX_TOKEN) throw new DomainError('NOT_FOUND', 'No such invitation');
      const accepted = await this.invites.acceptByLink(
        token,
        p ? { userId: p.userId, email: p.email } : null,
        ip,
      );
      if ('signInRequired' in accepted) {
        const invite = await this.invites.describe(token);
        state = invite ? { kind: 'sign-in', invite } : { kind: 'invalid' };
        if (!invite) status = 404;
      } else {
        if (accepted.session) {
          // A new account, signed in by the link: the first sign-in step, then the group's page.
          setSessionCookie(reply, this.env, accepted.session.token, accepted.session.expiresAt);
          void reply.header('Referrer-Policy', 'no-referrer');
          return this.pages.redirect(
            reply,
            landingPath({ onboardedAt: null }, `/groups/${encodeURIComponent(accepted.group.slug)}`),
          );
        }
        state = { kind: 'accepted', groupSlug: accepted.group.slug, groupName: accepted.group.name };
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'RATE_LIMITED') throw error;
      const invite = token.length > MAX_TOKEN ? null : await this.invites.describe(token);
      ({ state, status } = this.stateOf(invite, p));
      if (state.kind === 'ask') {
        // The link is fine, the join was refused (a banned member, say): the API's status for it.
        state = { kind: 'invalid' };
        status = this.pages.statusOf(error);
      }
    }
    const body = this.pages.send(
      reply,
      memberPage(viewer, viewer.t('invite.title'), renderInvitePage(viewer, token, state)),
      status,
    );
    void reply.header('Referrer-Policy', 'no-referrer');
    return body;
  }

  private stateOf(
    invite: InviteDescription | null,
    p: Principal | null,
  ): { state: InviteState; status: number } {
    if (!invite) return { state: { kind: 'invalid' }, status: 404 };
    if (invite.state !== 'valid') return { state: { kind: invite.state }, status: 404 };
    if (p && p.email.toLowerCase() !== invite.email.toLowerCase())
      return { state: { kind: 'wrong-address', invite }, status: 403 };
    return { state: { kind: 'ask', invite }, status: 200 };
  }
}
