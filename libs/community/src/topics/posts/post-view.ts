import { GroupAccess } from '../../access/group-access';
import { refusePostEdit } from '../topic-rules';
import { TopicStatus } from '../topic.entity';
import { AuthorView } from '../topic-view';
import { PostRow } from './posts.repository';

export interface PostView {
  id: string;
  topicId: string;
  author: AuthorView;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  /** Only moderators ever receive hidden posts. */
  hidden: boolean;
  hiddenAt: Date | null;
  permissions: { edit: boolean; moderate: boolean };
}

export function toPostView(
  row: PostRow,
  access: GroupAccess,
  topicStatus: TopicStatus,
  viewerId: string | null,
): PostView {
  return {
    id: row.id,
    topicId: row.topicId,
    author: { id: row.authorId, displayName: row.authorName, pronouns: row.authorPronouns },
    body: row.body,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    hidden: row.hiddenAt !== null,
    hiddenAt: row.hiddenAt,
    permissions: {
      edit: refusePostEdit(access, topicStatus, row.authorId === viewerId) === null && row.hiddenAt === null,
      moderate: access.canModerate,
    },
  };
}
