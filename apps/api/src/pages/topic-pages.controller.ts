import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GroupsService, PostsService, ReportsService, TopicsService } from '@app/community';
import { Clock, DomainError, isUuid } from '@app/core';
import { EventsService } from '@app/events';
import { Principal } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { ReplyPageForm, ReportPageForm } from './community-page.forms';
import { toListItem } from './community-pages.view';
import { MemberPageContext, pageNotFound } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';
import { TOPIC_PAGE_STYLE, TopicPageData, renderTopicPage } from './topic-page.view';

const POSTS_PER_PAGE = 100;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;
const FLASHES = ['replied', 'followed', 'unfollowed', 'reported'] as const;
type TopicForm = 'reply' | 'report' | 'follow';

/**
 * A group's discussion as a member page: read, reply, follow or stop, report a post. Every action
 * goes through the services the API uses (TopicsService, PostsService, ReportsService), so who may
 * see and do what cannot drift: a private group's topic is "not found" to all but its active
 * members, hidden topics and posts exist for moderators only. Moderating stays in the admin app.
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller('topics')
export class TopicPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(PostsService) private readonly posts: PostsService,
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get(':id')
  async topic(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const done = FLASHES.find((f) => query[f] === '1');
    const after = typeof query.after === 'string' && CURSOR.test(query.after) ? query.after : undefined;
    const flash = done ? { tone: 'ok' as const, text: viewer.t(`topic.${done}`) } : null;
    return this.pages.send(reply, await this.page(viewer, id, { flash, after }));
  }

  /** A form's address opened directly (a reload, a shared link): back to the topic, changing nothing. */
  @Get([':id/posts', ':id/follow', ':id/unfollow', ':id/posts/:postId/report'])
  formAddress(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!isUuid(id)) throw pageNotFound();
    return this.pages.redirect(reply, `/topics/${id}`);
  }

  /** A reply through PostsService (active members, open topics), then back to the page with 303. */
  @Post(':id/posts')
  @HttpCode(200)
  async replyTo(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Form(ReplyPageForm) form: PageForm<ReplyPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'reply', async (userId) => {
      const created = await this.posts.create(id, userId, form.value().body);
      return `/topics/${id}?replied=1#post-${created.id}`;
    });
  }

  @Post(':id/follow')
  @HttpCode(200)
  follow(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'follow', async (userId) => {
      await this.topics.follow(id, userId);
      return `/topics/${id}?followed=1`;
    });
  }

  @Post(':id/unfollow')
  @HttpCode(200)
  unfollow(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'follow', async (userId) => {
      await this.topics.unfollow(id, userId);
      return `/topics/${id}?unfollowed=1`;
    });
  }

  /** A report goes to the group's moderators (ReportsService); the post must be in this topic. */
  @Post(':id/posts/:postId/report')
  @HttpCode(200)
  report(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Param('postId') postId: string,
    @Form(ReportPageForm) form: PageForm<ReportPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'report', async (userId) => {
      if (!isUuid(postId)) throw pageNotFound();
      const { post } = await this.posts.requirePost(postId, userId);
      if (post.topicId !== id) throw pageNotFound();
      await this.reports.create(postId, userId, form.value().reason);
      return `/topics/${id}?reported=1#post-${postId}`;
    });
  }

  /**
   * The checks every form makes, in the same order for a real and a missing topic (so a private
   * group's topic answers as one that does not exist): same origin, a topic id, signed in. Then the
   * action; a refusal (locked, not a member, an empty reply…) is shown on the topic page itself.
   */
  private async act(
    p: Principal | null,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    form: TopicForm,
    action: (userId: string) => Promise<string>,
  ): Promise<string> {
    this.pages.assertSameOrigin(request);
    if (!isUuid(id)) throw pageNotFound();
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/topics/${id}`)}`);
    const viewer = await this.pages.viewer(request, p);
    try {
      return this.pages.redirect(reply, await action(p.userId));
    } catch (error) {
      if (!(error instanceof DomainError) || this.pages.statusOf(error) === 404) throw error;
      const draft = form === 'reply' ? draftOf(request.body) : '';
      const flash = { tone: 'danger' as const, text: refusal(viewer, error, form) };
      return this.pages.send(
        reply,
        await this.page(viewer, id, { flash, draft }),
        this.pages.statusOf(error),
      );
    }
  }

  private async page(
    viewer: Viewer,
    id: string,
    options: { flash: TopicPageData['flash']; after?: string; draft?: string },
  ): Promise<string> {
    if (!isUuid(id)) throw pageNotFound();
    const userId = viewer.user?.id ?? null;
    // The topic first: it is the one check (404) for a topic this viewer may not know of.
    const topic = await this.topics.get(id, userId);
    const [{ group, access }, posts, upcoming] = await Promise.all([
      this.groups.get(topic.groupSlug, userId),
      this.posts.list(id, userId, { limit: POSTS_PER_PAGE, cursor: options.after }),
      this.events.listForGroup(topic.groupSlug, userId, { from: this.clock.now(), limit: 50 }),
    ]);
    const data: TopicPageData = {
      topic,
      group: { slug: group.slug, name: group.name },
      isMember: access.isMember,
      timezone: viewer.user?.timezone ?? group.timezone,
      posts: posts.items,
      laterHref: posts.nextCursor ? `/topics/${id}?after=${encodeURIComponent(posts.nextCursor)}` : null,
      firstHref: options.after ? `/topics/${id}` : null,
      events: upcoming.items
        .filter((c) => c.event.topicId === topic.id && c.event.status !== 'draft')
        .map((c) => toListItem(c.event)),
      flash: options.flash,
      draft: options.draft ?? '',
    };
    return memberPage(viewer, topic.title, renderTopicPage(viewer, data), undefined, TOPIC_PAGE_STYLE);
  }
}

/** The reply as typed, to put back into the form after a refusal (bounded like the form). */
function draftOf(body: unknown): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).body : '';
  return typeof value === 'string' ? value.slice(0, 20_000) : '';
}

/** The refusal in the viewer's words; codes without a sentence of their own keep the service's. */
function refusal(viewer: Viewer, error: { code: string; message: string }, form: TopicForm): string {
  const { t } = viewer;
  switch (error.code) {
    case 'TOPIC_LOCKED':
      return t('topic.replyClosed');
    case 'REPORT_ALREADY_OPEN':
      return t('topic.reportAlreadyOpen');
    case 'FORBIDDEN':
      return t('topic.membersOnly');
    case 'RATE_LIMITED':
      return t('topic.rateLimited');
    case 'VALIDATION_FAILED':
      return form === 'report' ? t('topic.reportInvalid') : t('topic.replyInvalid');
    default:
      return error.message;
  }
}
