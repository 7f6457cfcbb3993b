import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { queryRows } from '@app/core';
import { KeysetCursor, cursorAtSql } from '@app/core';
import { PostReportEntity, ReportStatus } from './post-report.entity';

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

export interface FiledReportRow {
  id: string;
  status: ReportStatus;
  createdAt: Date;
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

/** The reports service's writes and locked reads, SQL next to its name. */
@Injectable()
export class ReportsRepository {
  constructor(
    @InjectRepository(PostReportEntity) private readonly postReportRepository: Repository<PostReportEntity>,
  ) {}

  async insertReport(
    tx: EntityManager,
    postId: string,
    reporterId: string,
    reason: string,
  ): Promise<FiledReportRow> {
    const [filed] = await queryRows<FiledReportRow>(
      tx,
      `INSERT INTO post_reports (post_id, reporter_id, reason) VALUES ($1, $2, $3)
       RETURNING id, status, created_at AS "createdAt"`,
      [postId, reporterId, reason],
    );
    if (!filed) throw new Error('report insert returned no row');
    return filed;
  }

  /** The report by id, held for update until the transaction ends. */
  findReportForUpdate(tx: EntityManager, reportId: string): Promise<PostReportEntity | null> {
    return tx
      .withRepository(this.postReportRepository)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :reportId', { reportId })
      .getOne();
  }

  /** The slug of the group the post belongs to (through its topic). */
  async selectPostGroupSlug(tx: EntityManager, postId: string): Promise<string | null> {
    const [owner] = await queryRows<{ slug: string }>(
      tx,
      `SELECT g.slug FROM posts p JOIN topics t ON t.id = p.topic_id JOIN groups g ON g.id = t.group_id
        WHERE p.id = $1`,
      [postId],
    );
    return owner?.slug ?? null;
  }

  async resolveReport(
    tx: EntityManager,
    reportId: string,
    status: Exclude<ReportStatus, 'open'>,
    moderatorId: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE post_reports SET status = $2, resolved_by = $3, resolved_at = now() WHERE id = $1`,
      [reportId, status, moderatorId],
    );
  }
}
