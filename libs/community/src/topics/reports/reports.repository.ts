import { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { KeysetCursor, cursorAtSql } from '@app/core';
import { ReportStatus } from './post-report.entity';

export interface ReportRow {
  id: string;
  status: ReportStatus;
  reason: string;
  createdAt: Date;
  resolvedAt: Date | null;
  cursorAt: string;
  postId: string;
  topicId: string;
  topicTitle: string;
  authorId: string;
  authorName: string;
  authorPronouns: string | null;
  body: string;
  postCreatedAt: Date;
  postHiddenAt: Date | null;
}

const SELECT = `SELECT r.id, r.status, r.reason, r.created_at AS "createdAt", r.resolved_at AS "resolvedAt",
                       ${cursorAtSql('r.created_at')} AS "cursorAt", p.id AS "postId", p.topic_id AS "topicId",
                       t.title AS "topicTitle", p.author_id AS "authorId", u.display_name AS "authorName",
                       u.pronouns AS "authorPronouns", p.body, p.created_at AS "postCreatedAt",
                       p.hidden_at AS "postHiddenAt"
                  FROM post_reports r
                  JOIN posts p ON p.id = r.post_id
                  JOIN topics t ON t.id = p.topic_id
                  JOIN users u ON u.id = p.author_id`;

/** A group's reports in one status, oldest first: a queue to work through. */
export function selectReportRows(
  tx: EntityManager,
  groupId: string,
  q: { status: ReportStatus; after?: KeysetCursor; limit: number },
): Promise<ReportRow[]> {
  return queryRows<ReportRow>(
    tx,
    `${SELECT}
      WHERE t.group_id = $1 AND r.status = $2
        AND ($3::timestamptz IS NULL OR (r.created_at, r.id) > ($3::timestamptz, $4::uuid))
      ORDER BY r.created_at, r.id
      LIMIT $5`,
    [groupId, q.status, q.after?.at ?? null, q.after?.id ?? null, q.limit],
  );
}

export async function selectReportRow(tx: EntityManager, reportId: string): Promise<ReportRow | null> {
  const [row] = await queryRows<ReportRow>(tx, `${SELECT} WHERE r.id = $1`, [reportId]);
  return row ?? null;
}
