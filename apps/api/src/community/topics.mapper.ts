import { FiledReportView, PostView, ReportView, TopicSummaryView, TopicView } from '@app/community';
import { Page } from '@app/core';
import {
  FiledReportResponse,
  PostResponse,
  ReportResponse,
  TopicResponse,
  TopicSummaryResponse,
} from './topics.dto';

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const toPageResponse = <V, R>(
  page: Page<V>,
  map: (view: V) => R,
): { items: R[]; nextCursor: string | null } => ({
  items: page.items.map(map),
  nextCursor: page.nextCursor,
});

export function toTopicSummaryResponse(v: TopicSummaryView): TopicSummaryResponse {
  return {
    id: v.id,
    groupSlug: v.groupSlug,
    title: v.title,
    status: v.status,
    author: v.author
      ? { id: v.author.id, displayName: v.author.displayName, pronouns: v.author.pronouns }
      : null,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    lastActivityAt: iso(v.lastActivityAt),
    postCount: v.postCount,
    following: v.following,
    permissions: { edit: v.permissions.edit, moderate: v.permissions.moderate, post: v.permissions.post },
  };
}

export const toTopicResponse = (v: TopicView): TopicResponse => ({
  ...toTopicSummaryResponse(v),
  body: v.body,
});

export function toPostResponse(v: PostView): PostResponse {
  return {
    id: v.id,
    topicId: v.topicId,
    author: { id: v.author.id, displayName: v.author.displayName, pronouns: v.author.pronouns },
    body: v.body,
    createdAt: iso(v.createdAt),
    editedAt: isoOrNull(v.editedAt),
    hidden: v.hidden,
    hiddenAt: isoOrNull(v.hiddenAt),
    permissions: { edit: v.permissions.edit, moderate: v.permissions.moderate },
  };
}

export const toFiledReportResponse = (v: FiledReportView): FiledReportResponse => ({
  id: v.id,
  status: v.status,
  createdAt: iso(v.createdAt),
});

export function toReportResponse(v: ReportView): ReportResponse {
  return {
    id: v.id,
    status: v.status,
    reason: v.reason,
    createdAt: iso(v.createdAt),
    resolvedAt: isoOrNull(v.resolvedAt),
    post: {
      id: v.post.id,
      topicId: v.post.topicId,
      topicTitle: v.post.topicTitle,
      author: {
        id: v.post.author.id,
        displayName: v.post.author.displayName,
        pronouns: v.post.author.pronouns,
      },
      body: v.post.body,
      createdAt: iso(v.post.createdAt),
      hidden: v.post.hidden,
    },
  };
}
