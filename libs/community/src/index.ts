import { GroupEntity } from './groups/group.entity';
import { GroupInviteEntity } from './invites/group-invite.entity';
import { MembershipEntity } from './memberships/membership.entity';
import { TOPIC_ENTITIES } from './topics';

// The public surface of @app/community, by name (never `export *`): anything not listed here is internal.
export { decideGroupAccess, type GroupAccess } from './access/group-access';
export { GroupAccessService, type GroupContext } from './access/group-access.service';
export {
  ANNOUNCEMENT_KINDS,
  ANNOUNCEMENT_MODES,
  ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE,
  type AnnouncementKind,
  type AnnouncementMode,
} from './announcements/announcement-modes';
export {
  type AnnouncementItemRow,
  type AnnouncementMark,
  type AnnouncementRecipient,
  AnnouncementsService,
  type GroupPreferenceRow,
} from './announcements/announcements.service';
export { type CommunityErrorCode } from './community.errors';
export { CommunityModule } from './community.module';
export { GROUP_VISIBILITIES, GroupEntity, type GroupVisibility } from './groups/group.entity';
export { type DirectoryGroupRow } from './groups/groups.repository';
export { DIRECTORY_MAX_OFFSET, type GroupDirectoryPage, GroupsService } from './groups/groups.service';
export {
  GROUP_ROLES,
  type GroupRole,
  MEMBERSHIP_STATUSES,
  MembershipEntity,
  type MembershipStatus,
} from './memberships/membership.entity';
export {
  type AcceptedByLink,
  type SignInToAccept,
  GROUP_INVITE_TTL_MS,
  GroupInvitesService,
  type InviteDescription,
  type PendingInviteView,
} from './invites/group-invites.service';
export { MembershipsService } from './memberships/memberships.service';
export { type PostView } from './topics/posts/post-view';
export { PostsService } from './topics/posts/posts.service';
export { REPORT_STATUSES, type ReportStatus } from './topics/reports/post-report.entity';
export { type FiledReportView, type ReportView } from './topics/reports/report-view';
export { ReportsService } from './topics/reports/reports.service';
export { canReadTopics } from './topics/topic-rules';
export { type TopicSummaryView, type TopicView } from './topics/topic-view';
export { TOPIC_STATUSES, type TopicStatus } from './topics/topic.entity';
export { TopicsService } from './topics/topics.service';

export const COMMUNITY_ENTITIES = [GroupEntity, MembershipEntity, GroupInviteEntity, ...TOPIC_ENTITIES];
