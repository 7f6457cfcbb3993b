import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, RateLimiterService, notFound } from '@app/core';
import { GroupAccess } from '../access/group-access';
import { AnnouncementsService } from '../announcements/announcements.service';
import { GroupAccessService } from '../access/group-access.service';
import { Page, clampLimit, decodeCursor, toPage } from '@app/core';
import { TopicStatus } from './topic.entity';
import { TopicContext, TopicLock, loadTopicContext, topicRefusalError } from './topic-context';
import { TopicAbility, canReadTopics, refuseTopicAbility, refuseTopicEdit } from './topic-rules';
import { TopicSummaryView, TopicView, toTopicSummaryView, toTopicView } from './topic-view';
import { TopicsRepository, insertFollower, selectParticipantIds, selectTopicRows } from './topics.repository';

export interface TopicFields {
  title: string;
  body?: string;
}

export interface TopicChanges {
  title?: string;
  body?: string;
  status?: TopicStatus;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

const HOUR_MS = 3600_000;

@Injectable()
export class TopicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(TopicsRepository) private readonly topicsSql: TopicsRepository,
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
  ) {}

  /**
   * The topic, its group and the caller's standing, or an error: 404 when the caller may not know
   * the topic exists, 401/403 when the ability is missing, TOPIC_LOCKED when posting into a closed
   * topic. Pass `lock` inside a transaction to hold the topic row until it commits.
   */
  async requireTopic(
    topicId: string,
    userId: string | null,
    ability: TopicAbility,
    tx: EntityManager = this.dataSource.manager,
    options: { lock?: TopicLock } = {},
  ): Promise<TopicContext> {
    const context = await loadTopicContext(this.topicsSql, tx, topicId, userId, options.lock);
    if (!context) throw notFound('Topic');
    const refusal = refuseTopicAbility(context.access, context.topic.status, ability, userId !== null);
    if (refusal) throw topicRefusalError(refusal, context.topic.status);
    return context;
  }

  /**
   * Distinct ids of the people who took part in a topic — its author, authors of visible posts and
   * followers — who are active members of the group now. Sorted, for stable fan-out order.
   */
  participantIds(tx: EntityManager, topicId: string): Promise<string[]> {
    return selectParticipantIds(tx, topicId);
  }

  /** Active members open topics; the author follows their topic from the start. */
  async create(slug: string, userId: string, fields: TopicFields): Promise<TopicView> {
    await this.rateLimiter.consume({ key: `topics:create:${userId}`, limit: 30, windowMs: HOUR_MS });
    return this.dataSource.transaction(async (tx) => {
      const { group, access } = await this.groups.require(slug, userId, 'member', tx);
      const created = await this.topicsSql.insertTopic(tx, group.id, userId, fields.title, fields.body ?? '');
      await insertFollower(tx, created.id, userId);
      // Members hear of it later, from the announcements worker, never inside this request.
      await this.announcements.record(tx, {
        groupId: group.id,
        kind: 'topic',
        itemId: created.id,
        authorId: userId,
      });
      return this.view(tx, created.id, userId, access);
    });
  }

  /** Most recently active first; hidden topics only for moderators. */
  async list(slug: string, userId: string | null, page: PageRequest): Promise<Page<TopicSummaryView>> {
    // Decoded before any query so a forged cursor is a 400, never a database error.
    const after = page.cursor !== undefined ? decodeCursor(page.cursor) : undefined;
    const limit = clampLimit(page.limit);
    const { group, access } = await this.groups.require(slug, userId, 'view');
    if (!canReadTopics(group.visibility, access)) {
      throw new DomainError('FORBIDDEN', "Only the group's members can read its discussions");
    }
    const rows = await selectTopicRows(
      this.dataSource.manager,
      { groupId: group.id },
      { viewerId: userId, includeHidden: access.canModerate, withBody: false, after, limit: limit + 1 },
    );
    return toPage(
      rows,
      limit,
      (row) => ({ at: row.cursorAt, id: row.id }),
      (row) => toTopicSummaryView(row, access, userId),
    );
  }

  async get(topicId: string, userId: string | null): Promise<TopicView> {
    const { access } = await this.requireTopic(topicId, userId, 'view');
    return this.view(this.dataSource.manager, topicId, userId, access);
  }

  /**
   * Title and body by the author or a moderator; status (lock, hide, reopen) by moderators only.
   * The topic row is locked so a concurrent post or lock sees one order of events.
   */
  async update(topicId: string, userId: string, changes: TopicChanges): Promise<TopicView> {
    return this.dataSource.transaction(async (tx) => {
      const { topic, access } = await this.requireTopic(topicId, userId, 'view', tx, {
        lock: 'pessimistic_write',
      });
      if (changes.status !== undefined && !access.canModerate) {
        throw new DomainError('FORBIDDEN', 'Only moderators can lock, hide or reopen a topic');
      }
      if (changes.title !== undefined || changes.body !== undefined) {
        const refusal = refuseTopicEdit(access, topic.status, topic.authorId === userId);
        if (refusal) throw topicRefusalError(refusal, topic.status);
      }
      if (changes.title !== undefined || changes.body !== undefined || changes.status !== undefined) {
        await this.topicsSql.updateTopic(tx, topic.id, {
          title: changes.title ?? null,
          body: changes.body ?? null,
          status: changes.status ?? null,
        });
      }
      return this.view(tx, topic.id, userId, access);
    });
  }

  /** Active members follow topics; anyone following can stop. Both are idempotent. */
  async follow(topicId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { topic, access } = await this.requireTopic(topicId, userId, 'view', tx);
      if (!access.isMember)
        throw new DomainError('FORBIDDEN', "Only the group's members can follow its topics");
      await insertFollower(tx, topic.id, userId);
    });
  }

  async unfollow(topicId: string, userId: string): Promise<void> {
    const { topic } = await this.requireTopic(topicId, userId, 'view');
    await this.topicsSql.deleteFollower(topic.id, userId);
  }

  private async view(
    tx: EntityManager,
    topicId: string,
    viewerId: string | null,
    access: GroupAccess,
  ): Promise<TopicView> {
    const [row] = await selectTopicRows(
      tx,
      { topicId },
      { viewerId, includeHidden: access.canModerate, withBody: true, limit: 1 },
    );
    if (!row) throw notFound('Topic');
    return toTopicView(row, access, viewerId);
  }
}
