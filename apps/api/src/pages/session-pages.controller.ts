import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env } from '@app/core';
import { AuthService, Principal } from '@app/identity';
import { ClientIp, OptionalUser, Public } from '../http/auth.guard';
import { clearSessionCookie } from '../http/session-cookie';
import { renderSignInPage } from './community-pages.view';
import { MemberPageContext } from './member-context';
import { RETURN_COOKIE, Viewer, isReturnPath, memberPage, pageTranslator } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';
import { SignInPageForm } from './page-forms.dto';

const RETURN_MAX_AGE_S = 30 * 60;

/**
 * Sign-in for members, from a member page: the emailed link (AuthService), then back to the page.
 * The page asked from is kept in a short-lived cookie that the app reads once after the sign-in link
 * has been used (the link itself stays the identity module's, unchanged).
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller()
export class SessionPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get('sign-in')
  async signIn(
    @OptionalUser() p: Principal | null,
    @Query('next') next: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const target = next && isReturnPath(next) ? next : '';
    if (p && target) return this.pages.redirect(reply, target);
    return this.page(reply, viewer, target, 'ask', null);
  }

  @Post('sign-in')
  @HttpCode(200)
  async requestLink(
    @OptionalUser() p: Principal | null,
    @Form(SignInPageForm) posted: PageForm<SignInPageForm>,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    // Language and return path first: even a refused form answers in the language it was sent in.
    const { form, invalid } = posted.check();
    const lang = form.lang ?? viewer.locale;
    const localized: Viewer = { ...viewer, locale: lang, t: pageTranslator(lang) };
    const next = form.next && isReturnPath(form.next) ? form.next : '';
    if (!this.pages.sameOrigin(request))
      return this.page(reply, localized, next, 'ask', localized.t('error.forbiddenOrigin'), 403);
    if (invalid.length > 0) return this.page(reply, localized, next, 'ask', localized.t('signIn.email'), 400);
    try {
      await this.auth.requestMagicLink(form.email, ip, lang);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.page(reply, localized, next, 'ask', error.message, this.pages.statusOf(error));
    }
    if (next) {
      // @fastify/cookie URI-encodes the value; the app decodes it once.
      void reply.setCookie(RETURN_COOKIE, next, {
        path: '/',
        maxAge: RETURN_MAX_AGE_S,
        sameSite: 'lax',
        secure: this.env.secureCookies,
        httpOnly: false,
      });
    }
    return this.page(reply, localized, next, 'sent', null);
  }

  @Post('sign-out')
  @HttpCode(200)
  async signOut(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.pages.sameOrigin(request)) {
      if (p?.via.kind === 'session') await this.auth.logout(p.via.sessionId);
      clearSessionCookie(reply, this.env);
    }
    return this.pages.redirect(reply, '/events');
  }

  private page(
    reply: FastifyReply,
    viewer: Viewer,
    next: string,
    state: 'ask' | 'sent',
    error: string | null,
    status = 200,
  ): string {
    return this.pages.send(
      reply,
      memberPage(viewer, viewer.t('signIn.title'), renderSignInPage(viewer, next, state, error)),
      status,
    );
  }
}
