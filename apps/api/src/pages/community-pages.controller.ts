import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  GroupsService,
  MembershipsService,
  PostsService,
  TopicSummaryView,
  TopicsService,
  canReadTopics,
} from '@app/community';
import { Clock, DomainError } from '@app/core';
import { EventsService } from '@app/events';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import {
  EventListItem,
  renderGroupPage,
  renderHiddenGroupPage,
  renderTopicPage,
} from './community-pages.view';
import { MemberPageContext, isUuid, pageNotFound } from './member-context';
import { memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';

const SLUG = /^[a-z0-9-]{1,64}$/;

/**
 * Group and topic pages (group invitations: invite-pages.controller.ts). They read through the same
 * services the API uses (a private group is "not found" to all but its active members, and its
 * page is then only a way to ask to join); joining is a POST.
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
    @Inject(PostsService) private readonly posts: PostsService,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('groups/:slug')
  async group(
    @OptionalUser() p: Principal | null,
    @Param('slug') slug: string,
    @Query('joined') joined: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    try {
      if (!SLUG.test(slug)) throw pageNotFound();
      const userId = viewer.user?.id ?? null;
      const { group, membership, access } = await this.groups.get(slug, userId);
      const upcoming = await this.events.listForGroup(slug, userId, { from: this.clock.now(), limit: 20 });
      const topics: TopicSummaryView[] | null = canReadTopics(group.visibility, access)
        ? (await this.topics.list(slug, userId, { limit: 8 })).items.filter((t) => t.status !== 'hidden')
        : null;
      const flash =
        joined === 'active'
          ? { tone: 'ok' as const, text: viewer.t('group.joined') }
          : joined === 'pending'
            ? { tone: 'ok' as const, text: viewer.t('group.joinRequested') }
            : null;
      const status = membership?.status;
      return this.pages.send(
        reply,
        memberPage(
          viewer,
          group.name,
          renderGroupPage(viewer, {
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
            flash,
          }),
        ),
      );
    } catch (error) {
      // A group the viewer may not see (private, or no such slug) gets its join page, alike for both.
      if (!(error instanceof DomainError && this.pages.statusOf(error) === 404 && SLUG.test(slug)))
        throw error;
      return this.pages.send(
        reply,
        memberPage(
          viewer,
          viewer.t('error.notFoundTitle'),
          renderHiddenGroupPage(viewer, slug, joined === 'pending'),
        ),
        404,
      );
    }
  }

  @Post('groups/:slug/join')
  @HttpCode(200)
  async join(
    @OptionalUser() p: Principal | null,
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.pages.assertSameOrigin(request);
    if (!SLUG.test(slug)) throw pageNotFound();
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/groups/${slug}`)}`);
    const { status } = await this.memberships.join(slug, p.userId);
    return this.pages.redirect(reply, `/groups/${slug}?joined=${status}`);
  }

  /** Read-only: emails link here; replying happens in the app. Hidden posts are never shown. */
  @Get('topics/:id')
  async topic(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!isUuid(id)) throw pageNotFound();
    const userId = viewer.user?.id ?? null;
    const topic = await this.topics.get(id, userId);
    if (topic.status === 'hidden') throw pageNotFound();
    const [{ group }, posts, upcoming] = await Promise.all([
      this.groups.get(topic.groupSlug, userId),
      this.posts.list(id, userId, { limit: 100 }),
      this.events.listForGroup(topic.groupSlug, userId, { from: this.clock.now(), limit: 50 }),
    ]);
    return this.pages.send(
      reply,
      memberPage(
        viewer,
        topic.title,
        renderTopicPage(viewer, {
          topic,
          groupName: group.name,
          timezone: viewer.user?.timezone ?? group.timezone,
          posts: posts.items.filter((post) => !post.hidden),
          events: upcoming.items
            .filter((c) => c.event.topicId === topic.id && c.event.status !== 'draft')
            .map((c) => toListItem(c.event)),
        }),
      ),
    );
  }
}

function toListItem(e: {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  status: string;
}): EventListItem {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timezone: e.timezone,
    status: e.status,
  };
}
