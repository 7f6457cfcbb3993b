import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DIRECTORY_MAX_OFFSET,
  GroupsService,
  MembershipsService,
  TopicSummaryView,
  TopicsService,
  canReadTopics,
} from '@app/community';
import { Clock, DomainError } from '@app/core';
import { EventsService } from '@app/events';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { JoinPageForm } from './community-page.forms';
import { GroupPageData, renderGroupPage, renderHiddenGroupPage, toListItem } from './community-pages.view';
import { renderGroupDirectory } from './group-directory.view';
import { MemberPageContext, pageNotFound } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';

const SLUG = /^[a-z0-9-]{1,64}$/;
const DIRECTORY_PAGE_SIZE = 20;
const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * Group pages and the directory of public groups (topics: topic-pages.controller.ts; group
 * invitations: invite-pages.controller.ts). They read through the same services the API uses (a
 * private group is "not found" to all but its active members, and its page is then only a way to
 * ask to join); joining is a POST.
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller()
export class CommunityPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Public groups only, by name, searchable; a page number that does not exist shows the first page. */
  @Get('groups')
  async directory(
    @OptionalUser() p: Principal | null,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const q = typeof query.q === 'string' ? query.q.replace(/\0/g, '').trim().slice(0, 100) : '';
    const asked = query.page === undefined ? '1' : query.page;
    const valid =
      typeof asked === 'string' &&
      PAGE_NUMBER.test(asked) &&
      (Number(asked) - 1) * DIRECTORY_PAGE_SIZE <= DIRECTORY_MAX_OFFSET;
    const page = valid ? Number(asked) : 1;
    const found = await this.groups.directory({
      q,
      offset: (page - 1) * DIRECTORY_PAGE_SIZE,
      limit: DIRECTORY_PAGE_SIZE,
    });
    const href = (n: number): string => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (n > 1) params.set('page', String(n));
      if (viewer.path.includes('lang=')) params.set('lang', viewer.locale);
      const search = params.toString();
      return search ? `/groups?${search}` : '/groups';
    };
    const nextFits = page * DIRECTORY_PAGE_SIZE <= DIRECTORY_MAX_OFFSET;
    const body = renderGroupDirectory(viewer, {
      groups: found.items,
      q,
      previousHref: page > 1 ? href(page - 1) : null,
      nextHref: found.hasMore && nextFits ? href(page + 1) : null,
      notice: valid ? null : viewer.t('groups.badPage'),
    });
    return this.pages.send(reply, memberPage(viewer, viewer.t('groups.title'), body), valid ? 200 : 400);
  }

  @Get('groups/:slug')
  async group(
    @OptionalUser() p: Principal | null,
    @Param('slug') slug: string,
    @Query('joined') joined: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const flash =
      joined === 'active'
        ? { tone: 'ok' as const, text: viewer.t('group.joined') }
        : joined === 'pending'
          ? { tone: 'ok' as const, text: viewer.t('group.joinRequested') }
          : null;
    return this.groupPage(reply, viewer, slug, flash, joined === 'pending', 200);
  }

  /** The join form's address opened directly: back to the group page, changing nothing. */
  @Get('groups/:slug/join')
  joinAddress(@Param('slug') slug: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!SLUG.test(slug)) throw pageNotFound();
    return this.pages.redirect(reply, `/groups/${slug}`);
  }

  /**
   * Joins (public, unlisted) or asks to join (private). A group with a code of conduct needs its
   * box ticked, which is recorded on the membership; a refusal is shown on the group page.
   */
  @Post('groups/:slug/join')
  @HttpCode(200)
  async join(
    @OptionalUser() p: Principal | null,
    @Param('slug') slug: string,
    @Form(JoinPageForm) form: PageForm<JoinPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.pages.assertSameOrigin(request);
    if (!SLUG.test(slug)) throw pageNotFound();
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/groups/${slug}`)}`);
    try {
      const { coc } = form.value();
      const { status } = await this.memberships.join(slug, p.userId, { cocAccepted: coc, requireCoc: true });
      return this.pages.redirect(reply, `/groups/${slug}?joined=${status}`);
    } catch (error) {
      if (!(error instanceof DomainError) || this.pages.statusOf(error) === 404) throw error;
      const viewer = await this.pages.viewer(request, p);
      const text =
        error.code === 'VALIDATION_FAILED'
          ? viewer.t('group.cocRequired')
          : error.code === 'MEMBER_BANNED'
            ? viewer.t('group.joinRefused')
            : error.message;
      const status = this.pages.statusOf(error);
      return this.groupPage(reply, viewer, slug, { tone: 'danger', text }, false, status);
    }
  }

  private async groupPage(
    reply: FastifyReply,
    viewer: Viewer,
    slug: string,
    flash: GroupPageData['flash'],
    requested: boolean,
    status: number,
  ): Promise<string> {
    try {
      if (!SLUG.test(slug)) throw pageNotFound();
      const data = await this.groupData(viewer, slug);
      return this.pages.send(
        reply,
        memberPage(viewer, data.name, renderGroupPage(viewer, { ...data, flash })),
        status,
      );
    } catch (error) {
      // A group the viewer may not see (private, or no such slug) gets its join page, alike for both.
      if (!(error instanceof DomainError && this.pages.statusOf(error) === 404 && SLUG.test(slug)))
        throw error;
      return this.pages.send(
        reply,
        memberPage(viewer, viewer.t('error.notFoundTitle'), renderHiddenGroupPage(viewer, slug, requested)),
        404,
      );
    }
  }

  /** What the group page shows this viewer: upcoming events and recent topics they may see. */
  private async groupData(viewer: Viewer, slug: string): Promise<Omit<GroupPageData, 'flash'>> {
    const userId = viewer.user?.id ?? null;
    const { group, membership, access } = await this.groups.get(slug, userId);
    const upcoming = await this.events.listForGroup(slug, userId, { from: this.clock.now(), limit: 20 });
    const topics: TopicSummaryView[] | null = canReadTopics(group.visibility, access)
      ? (await this.topics.list(slug, userId, { limit: 8 })).items.filter((t) => t.status !== 'hidden')
      : null;
    const status = membership?.status;
    return {
      slug: group.slug,
      name: group.name,
      description: group.description,
      city: group.city,
      timezone: group.timezone,
      visibility: group.visibility,
      codeOfConduct: group.codeOfConduct,
      membership: status === 'active' || status === 'pending' ? status : null,
      events: upcoming.items.filter((c) => c.event.status !== 'draft').map((c) => toListItem(c.event)),
      topics,
    };
  }
}
