import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { KeysetCursor, cursorAtSql } from '@app/core';
import { TopicEntity, TopicStatus } from './topic.entity';

/** Row lock on the topic: write when the caller will update it (posting bumps last activity), read otherwise. */
export type TopicLock = 'pessimistic_write' | 'pessimistic_read';

export interface TopicRow {
  id: string;
  groupId: string;
  groupSlug: string;
  authorId: string | null;
  authorName: string | null;
  authorPronouns: string | null;
  title: string;
  /** Null when the query was asked for summaries only. */
  body: string | null;
  status: TopicStatus;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
  cursorAt: string;
  postCount: number;
  following: boolean;
}

export interface TopicRowQuery {
  viewerId: string | null;
  /** Moderators see hidden topics and count hidden posts. */
  includeHidden: boolean;
  withBody: boolean;
  after?: KeysetCursor;
  limit: number;
}

/**
 * One round trip for a page of topics (or one topic): author, visible post count and whether the
 * viewer follows, newest activity first. Bodies are left out of lists; a page of 100 full topics
 * would be megabytes.
 */
export function selectTopicRows(
  tx: EntityManager,
  where: { groupId: string } | { topicId: string },
  q: TopicRowQuery,
): Promise<TopicRow[]> {
  const [column, key] = 'groupId' in where ? ['t.group_id', where.groupId] : ['t.id', where.topicId];
  return queryRows<TopicRow>(
    tx,
    `SELECT t.id, t.group_id AS "groupId", g.slug AS "groupSlug", t.author_id AS "authorId",
            u.display_name AS "authorName", u.pronouns AS "authorPronouns", t.title,
            ${q.withBody ? 't.body' : 'NULL::text'} AS body, t.status, t.created_at AS "createdAt",
            t.updated_at AS "updatedAt", t.last_activity_at AS "lastActivityAt",
            ${cursorAtSql('t.last_activity_at')} AS "cursorAt",
            (SELECT count(*) FROM posts p WHERE p.topic_id = t.id AND ($3 OR p.hidden_at IS NULL))::int AS "postCount",
            EXISTS (SELECT 1 FROM topic_followers f WHERE f.topic_id = t.id AND f.user_id = $2::uuid) AS following
       FROM topics t
       JOIN groups g ON g.id = t.group_id
       LEFT JOIN users u ON u.id = t.author_id
      WHERE ${column} = $1
        AND ($3 OR t.status <> 'hidden')
        AND ($4::timestamptz IS NULL OR (t.last_activity_at, t.id) < ($4::timestamptz, $5::uuid))
      ORDER BY t.last_activity_at DESC, t.id DESC
      LIMIT $6`,
    [key, q.viewerId, q.includeHidden, q.after?.at ?? null, q.after?.id ?? null, q.limit],
  );
}

/**
 * Who took part: the topic's author, authors of its visible posts, and its followers — each only
 * while an active member of the group, so people who left, were banned or never joined are not
 * invited to anything grown from the topic.
 */
export async function selectParticipantIds(tx: EntityManager, topicId: string): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    `SELECT people.user_id AS "userId"
       FROM (SELECT author_id AS user_id FROM topics WHERE id = $1 AND author_id IS NOT NULL
             UNION SELECT author_id FROM posts WHERE topic_id = $1 AND hidden_at IS NULL
             UNION SELECT user_id FROM topic_followers WHERE topic_id = $1) people
       JOIN topics t ON t.id = $1
       JOIN memberships m ON m.group_id = t.group_id AND m.user_id = people.user_id AND m.status = 'active'
      ORDER BY people.user_id`,
    [topicId],
  );
  return rows.map((r) => r.userId);
}

/** Idempotent: following twice is one row (the primary key decides, not a prior read). */
export async function insertFollower(tx: EntityManager, topicId: string, userId: string): Promise<void> {
  await tx.query(
    `INSERT INTO topic_followers (topic_id, user_id) VALUES ($1, $2)
     ON CONFLICT ON CONSTRAINT "PK_topic_followers_topic_id_user_id" DO NOTHING`,
    [topicId, userId],
  );
}

/** The topics service's writes, SQL next to its name. */
@Injectable()
export class TopicsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The topic by id, row-locked when asked. */
  findTopic(tx: EntityManager, topicId: string, lock?: TopicLock): Promise<TopicEntity | null> {
    const query = tx.createQueryBuilder(TopicEntity, 't').where('t.id = :topicId', { topicId });
    if (lock) query.setLock(lock);
    return query.getOne();
  }

  async insertTopic(
    tx: EntityManager,
    groupId: string,
    authorId: string,
    title: string,
    body: string,
  ): Promise<{ id: string }> {
    const [created] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO topics (group_id, author_id, title, body) VALUES ($1, $2, $3, $4) RETURNING id`,
      [groupId, authorId, title, body],
    );
    if (!created) throw new Error('topic insert returned no row');
    return created;
  }

  /** Null fields keep their value; any change stamps updated_at. */
  async updateTopic(
    tx: EntityManager,
    topicId: string,
    changes: { title: string | null; body: string | null; status: TopicStatus | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE topics SET title = coalesce($2, title), body = coalesce($3, body), status = coalesce($4, status),
              updated_at = now()
        WHERE id = $1`,
      [topicId, changes.title, changes.body, changes.status],
    );
  }

  async deleteFollower(topicId: string, userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM topic_followers WHERE topic_id = $1 AND user_id = $2`, [
      topicId,
      userId,
    ]);
  }
}
