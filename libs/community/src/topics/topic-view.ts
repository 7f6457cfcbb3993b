import { GroupAccess } from '../access/group-access';
import { TopicStatus } from './topic.entity';
import { TopicRow } from './topics.repository';
import { refuseTopicAbility, refuseTopicEdit } from './topic-rules';

/** A person as shown beside their words: no email, ever. */
export interface AuthorView {
  id: string;
  displayName: string;
  pronouns: string | null;
}

export interface TopicSummaryView {
  id: string;
  groupId: string;
  groupSlug: string;
  title: string;
  status: TopicStatus;
  /** Null once the author deleted their account. */
  author: AuthorView | null;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
  /** Posts the viewer can see (moderators count hidden ones too). */
  postCount: number;
  following: boolean;
  permissions: { edit: boolean; moderate: boolean; post: boolean };
}

export interface TopicView extends TopicSummaryView {
  body: string;
}

export function toTopicSummaryView(
  row: TopicRow,
  access: GroupAccess,
  viewerId: string | null,
): TopicSummaryView {
  return {
    id: row.id,
    groupId: row.groupId,
    groupSlug: row.groupSlug,
    title: row.title,
    status: row.status,
    author:
      row.authorId !== null && row.authorName !== null
        ? { id: row.authorId, displayName: row.authorName, pronouns: row.authorPronouns }
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastActivityAt: row.lastActivityAt,
    postCount: row.postCount,
    following: row.following,
    permissions: {
      edit: viewerId !== null && refuseTopicEdit(access, row.status, row.authorId === viewerId) === null,
      moderate: access.canModerate,
      post: refuseTopicAbility(access, row.status, 'post', viewerId !== null) === null,
    },
  };
}

export function toTopicView(row: TopicRow, access: GroupAccess, viewerId: string | null): TopicView {
  return { ...toTopicSummaryView(row, access, viewerId), body: row.body ?? '' };
}
