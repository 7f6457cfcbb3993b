import { Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANNOUNCEMENT_MODES, AnnouncementsService } from '@app/community';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { AnnouncementsPageForm } from './announcements-page.form';
import { bdi, html } from './html';
import { MemberPageContext } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';

const SIGN_IN = '/sign-in?next=%2Faccount%2Fannouncements';

/**
 * "How you hear from your groups": per group, new topics and events at once, in a daily digest, or
 * not at all (the API's GET/PUT /api/groups/:slug/membership/announcements, as a page).
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller('account/announcements')
export class AnnouncementsPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
  ) {}

  @Get()
  async show(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!p || !viewer.user) return this.pages.redirect(reply, SIGN_IN);
    return this.page(reply, viewer, p.userId, false);
  }

  @Post()
  @HttpCode(200)
  async save(
    @OptionalUser() p: Principal | null,
    @Form(AnnouncementsPageForm) form: PageForm<AnnouncementsPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    this.pages.assertSameOrigin(request);
    if (!p || !viewer.user) return this.pages.redirect(reply, SIGN_IN);
    const { slug, mode } = form.value();
    await this.announcements.setMode(slug, p.userId, mode);
    return this.page(reply, viewer, p.userId, true);
  }

  private async page(reply: FastifyReply, viewer: Viewer, userId: string, saved: boolean): Promise<string> {
    const { t } = viewer;
    const groups = await this.announcements.preferences(userId);
    const rows = groups.map(
      (g) =>
        html`<form method="post" action="/account/announcements" class="card">
          <h2>${bdi(g.name)}</h2>
          <input type="hidden" name="slug" value="${g.slug}" />
          <div class="field">
            <label for="mode-${g.slug}">${t('announcements.label')}</label>
            <select id="mode-${g.slug}" name="mode">
              ${ANNOUNCEMENT_MODES.map(
                (m) =>
                  html`<option value="${m}" ${m === g.mode ? 'selected' : ''}>
                    ${t('announcements.mode', { mode: m })}
                  </option>`,
              )}
            </select>
          </div>
          <button type="submit">${t('announcements.save')}</button>
        </form>`,
    );
    return this.pages.send(
      reply,
      memberPage(
        viewer,
        t('announcements.title'),
        html`<h1>${t('announcements.title')}</h1>
          <p>${t('announcements.intro')}</p>
          ${saved ? html`<div class="banner ok" role="status"><p>${t('announcements.saved')}</p></div>` : ''}
          ${rows.length > 0 ? rows : html`<p>${t('announcements.none')}</p>`}`,
      ),
    );
  }
}
