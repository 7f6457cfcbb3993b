import { Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountErasureService } from '@app/account';
import { DomainError, Env } from '@app/core';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { clearSessionCookie } from '../http/session-cookie';
import { html } from './html';
import { MemberPageContext } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';
import { AccountDeletePageForm } from './page-forms.dto';

/**
 * "Your account": download your data (the API's export, a GET that changes nothing) and delete your
 * account (a POST from this page, confirmed by typing the account's address).
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller('account')
export class AccountPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(AccountErasureService) private readonly erasure: AccountErasureService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get()
  async account(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!viewer.user) return this.pages.redirect(reply, '/sign-in?next=%2Faccount');
    return this.page(reply, viewer, null);
  }

  @Post('delete')
  @HttpCode(200)
  async delete(
    @OptionalUser() p: Principal | null,
    @Form(AccountDeletePageForm) form: PageForm<AccountDeletePageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    this.pages.assertSameOrigin(request);
    if (!p || !viewer.user) return this.pages.redirect(reply, '/sign-in?next=%2Faccount');
    try {
      await this.erasure.erase(p.userId, form.value().confirm);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.page(reply, viewer, error.message, this.pages.statusOf(error));
    }
    clearSessionCookie(reply, this.env);
    const { t } = viewer;
    const signedOut: Viewer = { ...viewer, user: null };
    return this.pages.send(
      reply,
      memberPage(
        signedOut,
        t('account.deletedTitle'),
        html`<h1>${t('account.deletedTitle')}</h1>
          <section class="card">
            <div class="banner ok" role="status"><p>${t('account.deletedText')}</p></div>
          </section>`,
      ),
    );
  }

  private page(reply: FastifyReply, viewer: Viewer, error: string | null, status = 200): string {
    const { t } = viewer;
    return this.pages.send(
      reply,
      memberPage(
        viewer,
        t('account.title'),
        html`<h1>${t('account.title')}</h1>
          <section class="card">
            <p><a href="/account/announcements">${t('announcements.link')}</a></p>
          </section>
          <section class="card">
            <h2>${t('account.exportHeading')}</h2>
            <p>${t('account.exportText')}</p>
            <p><a href="/api/me/export" download>${t('account.exportLink')}</a></p>
          </section>
          <section class="card">
            <h2>${t('account.deleteHeading')}</h2>
            <p>${t('account.deleteText')}</p>
            ${error ? html`<div class="banner danger" role="alert"><p>${error}</p></div>` : ''}
            <form method="post" action="/account/delete">
              <div class="field">
                <label for="confirm">${t('account.deleteConfirm')}</label>
                <input
                  id="confirm"
                  name="confirm"
                  type="email"
                  required
                  autocomplete="off"
                  dir="ltr"
                  maxlength="254"
                />
              </div>
              <button type="submit" class="danger">${t('account.deleteSubmit')}</button>
            </form>
          </section>`,
      ),
      status,
    );
  }
}
