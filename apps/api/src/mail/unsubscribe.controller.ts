import { Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiTextResponse } from '../http/api-responses';
import type { FastifyReply } from 'fastify';
import { Clock, Env, verifyToken } from '@app/core';
import { UNSUBSCRIBE_PURPOSE } from '@app/events';
import { MailPreferencesService, OPT_OUT_CATEGORIES, OptOutCategory } from '@app/mail';
import { Public } from '../http/auth.guard';
import { html } from '../pages/html';
import { renderPage, smallPageT as t } from '../pages/page';

/**
 * RFC 8058 one-click unsubscribe. Mail clients POST to the List-Unsubscribe URL without cookies; a
 * GET (a person, or a link scanner) only shows a page with a button and changes nothing.
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
  ) {}

  @Get(':token')
  @ApiTextResponse('text/html', 'A page whose button confirms')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const category = this.category(token);
    if (!category) return this.invalid(reply);
    // prettier-ignore
    return renderPage(
      t('unsubscribe.title'),
      html`<form method="post" action="/api/unsubscribe/${token}">
<p>${t('unsubscribe.ask', { category })}</p>
<button type="submit">${t('unsubscribe.submit')}</button>
</form>`,
    );
  }

  @Post(':token')
  @ApiTextResponse('text/html', 'The confirmation page')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribe(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const result = verifyToken(token, this.env.signingSecret, UNSUBSCRIBE_PURPOSE, this.clock.now());
    const category = this.category(token);
    if (!result.ok || !category) return this.invalid(reply);
    await this.preferences.optOut(result.claims.sub, category);
    return renderPage(t('unsubscribe.doneTitle'), html`<p>${t('unsubscribe.done', { category })}</p>`);
  }

  private category(token: string): OptOutCategory | null {
    const result = verifyToken(token, this.env.signingSecret, UNSUBSCRIBE_PURPOSE, this.clock.now());
    if (!result.ok) return null;
    const category = result.claims.category;
    return OPT_OUT_CATEGORIES.includes(category as OptOutCategory) ? (category as OptOutCategory) : null;
  }

  private invalid(reply: FastifyReply): string {
    void reply.status(400);
    return renderPage(
      t('unsubscribe.invalidTitle'),
      html`<p class="error">${t('unsubscribe.invalidText')}</p>`,
    );
  }
}
