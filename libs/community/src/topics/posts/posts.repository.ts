import { EntityManager } from 'typeorm';
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
