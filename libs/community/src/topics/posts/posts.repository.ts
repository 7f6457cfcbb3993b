import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PostEntity } from './post.entity';
import { queryRows } from '@app/core';
import { KeysetCursor, cursorAtSql } from '@app/core';

export interface PostRow {
  id: string;
  topicId: string;
  authorId: string;
  authorName: string;
  authorPronouns: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  cursorAt: string;
}

export interface PostRowQuery {
  /** Moderators see hidden posts; everyone else never receives them, not even as a placeholder. */
  includeHidden: boolean;
  after?: KeysetCursor;
  limit: number;
}

const COLUMNS = `p.id, p.topic_id AS "topicId", p.author_id AS "authorId", u.display_name AS "authorName",
                 u.pronouns AS "authorPronouns", p.body, p.created_at AS "createdAt", p.edited_at AS "editedAt",
                 p.hidden_at AS "hiddenAt", ${cursorAtSql('p.created_at')} AS "cursorAt"`;

/** A page of a topic's posts, oldest first, in one round trip. */
export function selectPostRows(tx: EntityManager, topicId: string, q: PostRowQuery): Promise<PostRow[]> {
  return queryRows<PostRow>(
    tx,
    `SELECT ${COLUMNS}
       FROM posts p JOIN users u ON u.id = p.author_id
      WHERE p.topic_id = $1
        AND ($2 OR p.hidden_at IS NULL)
        AND ($3::timestamptz IS NULL OR (p.created_at, p.id) > ($3::timestamptz, $4::uuid))
      ORDER BY p.created_at, p.id
      LIMIT $5`,
    [topicId, q.includeHidden, q.after?.at ?? null, q.after?.id ?? null, q.limit],
  );
}

export async function selectPostRow(tx: EntityManager, postId: string): Promise<PostRow | null> {
  const [row] = await queryRows<PostRow>(
    tx,
    `SELECT ${COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
    [postId],
  );
  return row ?? null;
}

/** The posts service's writes and locked reads, SQL next to its name. */
@Injectable()
export class PostsRepository {
  constructor(@InjectRepository(PostEntity) private readonly postRepository: Repository<PostEntity>) {}

  async insertPost(
    tx: EntityManager,
    topicId: string,
    authorId: string,
    body: string,
  ): Promise<{ id: string }> {
    const [created] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO posts (topic_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
      [topicId, authorId, body],
    );
    if (!created) throw new Error('post insert returned no row');
    return created;
  }

  /** A reply is activity: the topic's last activity moves forward, never back. */
  async touchTopicActivity(tx: EntityManager, topicId: string): Promise<void> {
    await tx.query(`UPDATE topics SET last_activity_at = greatest(last_activity_at, now()) WHERE id = $1`, [
      topicId,
    ]);
  }

  /** The post by id, held for update when `lock`. */
  findPost(tx: EntityManager, postId: string, lock: boolean): Promise<PostEntity | null> {
    const query = tx
      .withRepository(this.postRepository)
      .createQueryBuilder('p')
      .where('p.id = :postId', { postId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async updateBody(tx: EntityManager, postId: string, body: string): Promise<void> {
    await tx.query(`UPDATE posts SET body = $2, edited_at = now() WHERE id = $1`, [postId, body]);
  }

  /** Hiding twice keeps the first moderator and time. */
  async hide(tx: EntityManager, postId: string, moderatorId: string): Promise<void> {
    await tx.query(`UPDATE posts SET hidden_at = now(), hidden_by = $2 WHERE id = $1 AND hidden_at IS NULL`, [
      postId,
      moderatorId,
    ]);
  }

  async unhide(tx: EntityManager, postId: string): Promise<void> {
    await tx.query(`UPDATE posts SET hidden_at = NULL, hidden_by = NULL WHERE id = $1`, [postId]);
  }
}
