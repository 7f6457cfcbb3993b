import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
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

/**
 * "Your account": download your data (the API's export, a GET that changes nothing) and delete your
 * account (a POST from this page, confirmed by typing the account's address).
 */
@ApiExcludeController()
@Public()
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
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!this.pages.sameOrigin(request)) return this.pages.refused(reply, viewer);
    if (!p || !viewer.user) return this.pages.redirect(reply, '/sign-in?next=%2Faccount');
    const confirm = typeof body?.confirm === 'string' ? body.confirm : '';
    try {
      await this.erasure.erase(p.userId, confirm);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.page(reply, viewer, error.message, this.pages.statusOf(error));
    }
    clearSessionCookie(reply, this.env);
    const { copy } = viewer;
    const signedOut: Viewer = { ...viewer, user: null };
    return this.pages.send(
      reply,
      memberPage(
        signedOut,
        copy.accountDeletedTitle,
        html`<h1>${copy.accountDeletedTitle}</h1>
          <section class="card">
            <div class="banner ok" role="status"><p>${copy.accountDeletedText}</p></div>
          </section>`,
      ),
    );
  }

  private page(reply: FastifyReply, viewer: Viewer, error: string | null, status = 200): string {
    const { copy } = viewer;
    return this.pages.send(
      reply,
      memberPage(
        viewer,
        copy.accountTitle,
        html`<h1>${copy.accountTitle}</h1>
          <section class="card">
            <h2>${copy.accountExportHeading}</h2>
            <p>${copy.accountExportText}</p>
            <p><a href="/api/me/export" download>${copy.accountExportLink}</a></p>
          </section>
          <section class="card">
            <h2>${copy.accountDeleteHeading}</h2>
            <p>${copy.accountDeleteText}</p>
            ${error ? html`<div class="banner danger" role="alert"><p>${error}</p></div>` : ''}
            <form method="post" action="/account/delete">
              <div class="field">
                <label for="confirm">${copy.accountDeleteConfirm}</label>
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
              <button type="submit" class="danger">${copy.accountDeleteSubmit}</button>
            </form>
          </section>`,
      ),
      status,
    );
  }
}
