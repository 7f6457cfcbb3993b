import { AuthorView } from '../topic-view';
import { ReportStatus } from './post-report.entity';
import { ReportRow } from './reports.repository';

/**
 * What moderators see. The reporter is deliberately absent: in small peer-support groups, knowing
 * who reported whom is itself a safety risk, and moderators act on the content, not the reporter.
 */
export interface ReportView {
  id: string;
  status: ReportStatus;
  reason: string;
  createdAt: Date;
  resolvedAt: Date | null;
  post: {
    id: string;
    topicId: string;
    topicTitle: string;
    author: AuthorView;
    body: string;
    createdAt: Date;
    hidden: boolean;
  };
}

/** What the reporter gets back: an acknowledgement, nothing about other reports. */
export interface FiledReportView {
  id: string;
  status: ReportStatus;
  createdAt: Date;
}

export function toReportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    post: {
      id: row.postId,
      topicId: row.topicId,
      topicTitle: row.topicTitle,
      author: { id: row.authorId, displayName: row.authorName, pronouns: row.authorPronouns },
      body: row.body,
      createdAt: row.postCreatedAt,
      hidden: row.postHiddenAt !== null,
    },
  };
}
