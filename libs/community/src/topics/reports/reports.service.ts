import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, RateLimiterService, isUniqueViolation, notFound } from '@app/core';
import { GroupAccessService } from '../../access/group-access.service';
import { communityError } from '../../community.errors';
import { Page, clampLimit, decodeCursor, toPage } from '@app/core';
import { PostsService } from '../posts/posts.service';
import { PageRequest } from '../topics.service';
import { ReportStatus } from './post-report.entity';
import { FiledReportView, ReportView, toReportView } from './report-view';
import { ReportsRepository, selectReportRow, selectReportRows } from './reports.repository';

const HOUR_MS = 3600_000;

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
    @Inject(PostsService) private readonly posts: PostsService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(ReportsRepository) private readonly reportsSql: ReportsRepository,
  ) {}

  /**
   * Any active member may report a post they can see. One open report per person per post: the
   * partial unique index decides, so two quick clicks cannot file two reports.
   */
  async create(postId: string, userId: string, reason: string): Promise<FiledReportView> {
    await this.rateLimiter.consume({ key: `reports:create:${userId}`, limit: 60, windowMs: HOUR_MS });
    try {
      return await this.dataSource.transaction(async (tx) => {
        const { post, access } = await this.posts.requirePost(postId, userId, tx);
        if (!access.isMember) throw new DomainError('FORBIDDEN', "Only the group's members can report posts");
        return await this.reportsSql.insertReport(tx, post.id, userId, reason);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_post_reports_post_id_reporter_id')) {
        throw communityError(
          'REPORT_ALREADY_OPEN',
          'You already reported this post; moderators will look at it',
        );
      }
      throw error;
    }
  }

  /** Moderators only: 404 for people who cannot see the group, 403 for everyone else. */
  async list(
    slug: string,
    userId: string,
    query: PageRequest & { status?: ReportStatus },
  ): Promise<Page<ReportView>> {
    const after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    const limit = clampLimit(query.limit);
    const { group } = await this.groups.require(slug, userId, 'moderate');
    const rows = await selectReportRows(this.dataSource.manager, group.id, {
      status: query.status ?? 'open',
      after,
      limit: limit + 1,
    });
    return toPage(rows, limit, (row) => ({ at: row.cursorAt, id: row.id }), toReportView);
  }

  /**
   * Closes an open report as resolved or dismissed. The report row is locked so two moderators
   * acting at once get one success and one REPORT_CLOSED.
   */
  async resolve(
    reportId: string,
    userId: string,
    status: Exclude<ReportStatus, 'open'>,
  ): Promise<ReportView> {
    return this.dataSource.transaction(async (tx) => {
      const report = await this.reportsSql.findReportForUpdate(tx, reportId);
      const ownerSlug = report ? await this.reportsSql.selectPostGroupSlug(tx, report.postId) : null;
      // Judged on the group, not the topic: a moderator sees hidden topics, and a member gets the
      // same 403 whether or not the reported topic has since been hidden.
      const context = ownerSlug !== null ? await this.groups.load(ownerSlug, userId, tx) : null;
      if (!report || !context?.access.canView) throw notFound('Report');
      if (!context.access.canModerate)
        throw new DomainError('FORBIDDEN', 'Only moderators can resolve reports');
      if (report.status !== 'open')
        throw communityError('REPORT_CLOSED', `This report is already ${report.status}`);
      await this.reportsSql.resolveReport(tx, report.id, status, userId);
      const row = await selectReportRow(tx, report.id);
      if (!row) throw notFound('Report');
      return toReportView(row);
    });
  }
}
