import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, RateLimiterService, notFound } from '@app/core';
import { GroupAccess } from '../../access/group-access';
import { Page, clampLimit, decodeCursor, toPage } from '@app/core';
import { TopicContext, loadTopicContext, topicRefusalError } from '../topic-context';
import { refusePostEdit } from '../topic-rules';
import { TopicStatus } from '../topic.entity';
import { PageRequest, TopicsService } from '../topics.service';
import { TopicsRepository, insertFollower } from '../topics.repository';
import { PostEntity } from './post.entity';
import { PostView, toPostView } from './post-view';
import { PostsRepository, selectPostRow, selectPostRows } from './posts.repository';

export interface PostChanges {
  body?: string;
  hidden?: boolean;
}

export interface PostContext extends TopicContext {
  post: PostEntity;
}

const HOUR_MS = 3600_000;

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(PostsRepository) private readonly postsSql: PostsRepository,
    @Inject(TopicsRepository) private readonly topicsSql: TopicsRepository,
  ) {}

  /**
   * Replies by active members to open topics. The topic row is locked for the write so a
   * moderator's concurrent lock either lands before (the post is refused) or after (it is in).
   * Posting follows the topic again even after an unfollow: a reply is taking part, and taking
   * part is what the follow-up invitations are about. Unfollow after posting to stay out.
   */
  async create(topicId: string, userId: string, body: string): Promise<PostView> {
    await this.rateLimiter.consume({ key: `posts:create:${userId}`, limit: 300, windowMs: HOUR_MS });
    return this.dataSource.transaction(async (tx) => {
      const { topic, access } = await this.topics.requireTopic(topicId, userId, 'post', tx, {
        lock: 'pessimistic_write',
      });
      const created = await this.postsSql.insertPost(tx, topic.id, userId, body);
      await this.postsSql.touchTopicActivity(tx, topic.id);
      await insertFollower(tx, topic.id, userId);
      return this.view(tx, created.id, access, topic.status, userId);
    });
  }

  /** Oldest first; hidden posts are left out for everyone but moderators. */
  async list(topicId: string, userId: string | null, page: PageRequest): Promise<Page<PostView>> {
    const after = page.cursor !== undefined ? decodeCursor(page.cursor) : undefined;
    const limit = clampLimit(page.limit);
    const { topic, access } = await this.topics.requireTopic(topicId, userId, 'view');
    const rows = await selectPostRows(this.dataSource.manager, topic.id, {
      includeHidden: access.canModerate,
      after,
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (row) => ({ at: row.cursorAt, id: row.id }),
      (row) => toPostView(row, access, topic.status, userId),
    );
  }

  /**
   * The post in its context, or 404 when the caller may not know it exists: its topic is not
   * visible to them, or it is hidden and they are not a moderator. With `lock` (inside a
   * transaction) the post is held for update and the topic shared, so its status cannot change
   * under an edit; always post before topic, the same order everywhere.
   */
  async requirePost(
    postId: string,
    userId: string | null,
    tx: EntityManager = this.dataSource.manager,
    options: { lock?: boolean } = {},
  ): Promise<PostContext> {
    const post = await this.postsSql.findPost(tx, postId, options.lock === true);
    const context = post
      ? await loadTopicContext(
          this.topicsSql,
          tx,
          post.topicId,
          userId,
          options.lock ? 'pessimistic_read' : undefined,
        )
      : null;
    if (!post || !context || (post.hiddenAt !== null && !context.access.canModerate)) throw notFound('Post');
    return { ...context, post };
  }

  /**
   * The body by its author (while the topic is open); hidden by moderators. A moderator cannot
   * rewrite someone's words, only hide them.
   */
  async update(postId: string, userId: string, changes: PostChanges): Promise<PostView> {
    return this.dataSource.transaction(async (tx) => {
      const { post, topic, access } = await this.requirePost(postId, userId, tx, { lock: true });
      if (changes.hidden !== undefined && !access.canModerate) {
        throw new DomainError('FORBIDDEN', 'Only moderators can hide or unhide posts');
      }
      if (changes.body !== undefined) {
        const refusal = refusePostEdit(access, topic.status, post.authorId === userId);
        if (refusal) throw topicRefusalError(refusal, topic.status);
        await this.postsSql.updateBody(tx, post.id, changes.body);
      }
      if (changes.hidden === true) {
        // Hiding twice keeps the first moderator and time.
        await this.postsSql.hide(tx, post.id, userId);
      } else if (changes.hidden === false) {
        await this.postsSql.unhide(tx, post.id);
      }
      return this.view(tx, post.id, access, topic.status, userId);
    });
  }

  private async view(
    tx: EntityManager,
    postId: string,
    access: GroupAccess,
    topicStatus: TopicStatus,
    viewerId: string,
  ): Promise<PostView> {
    const row = await selectPostRow(tx, postId);
    if (!row) throw notFound('Post');
    return toPostView(row, access, topicStatus, viewerId);
  }
}
