import { CreateUsers1763700000000 } from './1763700000000-CreateUsers';
import { CreateSessions1763700000100 } from './1763700000100-CreateSessions';
import { CreateMagicLinks1763700000200 } from './1763700000200-CreateMagicLinks';
import { CreateApiTokens1763700000300 } from './1763700000300-CreateApiTokens';
import { CreateRateLimitHits1763700000400 } from './1763700000400-CreateRateLimitHits';
import { CreateGroups1763700000500 } from './1763700000500-CreateGroups';
import { CreateMemberships1763700000600 } from './1763700000600-CreateMemberships';
import { CreateGroupInvites1763700000700 } from './1763700000700-CreateGroupInvites';
import { CreateOutboxMessages1763700000800 } from './1763700000800-CreateOutboxMessages';
import { CreateDevMailbox1763700000900 } from './1763700000900-CreateDevMailbox';
import { CreateTopics1763700100000 } from './1763700100000-CreateTopics';
import { CreatePosts1763700100100 } from './1763700100100-CreatePosts';
import { CreateTopicFollowers1763700100200 } from './1763700100200-CreateTopicFollowers';
import { CreatePostReports1763700100300 } from './1763700100300-CreatePostReports';
import { CreateSeries1763700200000 } from './1763700200000-CreateSeries';
import { CreateEvents1763700200100 } from './1763700200100-CreateEvents';
import { CreateRsvps1763700200200 } from './1763700200200-CreateRsvps';
import { CreateInvitations1763700200300 } from './1763700200300-CreateInvitations';
import { AddCalendarSettings1763700300000 } from './1763700300000-AddCalendarSettings';
import { CreateInboundMessages1763700400000 } from './1763700400000-CreateInboundMessages';
import { AddInboundUserErasure1763700400100 } from './1763700400100-AddInboundUserErasure';
import { AddInvitationContentSequence1763700400200 } from './1763700400200-AddInvitationContentSequence';
import { AddOutboxAboutUser1763700400300 } from './1763700400300-AddOutboxAboutUser';
import { CreatePasswordFailures1765000100000 } from './1765000100000-CreatePasswordFailures';
import { AddOutboxLeaseToken1765000400000 } from './1765000400000-AddOutboxLeaseToken';
import { AddOutboxOrdering1765000400100 } from './1765000400100-AddOutboxOrdering';
import { AddOutboxEventId1765000500000 } from './1765000500000-AddOutboxEventId';
import { AddInvitationStaleNotice1765000600000 } from './1765000600000-AddInvitationStaleNotice';
import { AllowResolvingIgnoredInbound1765000600100 } from './1765000600100-AllowResolvingIgnoredInbound';
import { AddOutboxPendingAgeIndex1765000900000 } from './1765000900000-AddOutboxPendingAgeIndex';
import { CreateNetworking1766000000000 } from './1766000000000-CreateNetworking';
import { CreateFanoutJobs1767000000000 } from './1767000000000-CreateFanoutJobs';
import { AddFanoutBatchAttempts1767000000100 } from './1767000000100-AddFanoutBatchAttempts';
import { AddInvitationManagement1767200000000 } from './1767200000000-AddInvitationManagement';
import { CreateAnnouncements1767300000000 } from './1767300000000-CreateAnnouncements';
import { AddMembershipAnnouncements1767300000100 } from './1767300000100-AddMembershipAnnouncements';
import { AddUserOnboarding1767400000000 } from './1767400000000-AddUserOnboarding';
import { AddEventPlaceAndLanguage1767430000000 } from './1767430000000-AddEventPlaceAndLanguage';
import { ForgetPreTickedAccessibility1767440000000 } from './1767440000000-ForgetPreTickedAccessibility';
import { AddCacheVersions1767450000000 } from './1767450000000-AddCacheVersions';
import { AddDeferredRsvpNotices1767460000000 } from './1767460000000-AddDeferredRsvpNotices';
import { ClearUnknownUserTimezones1767480000100 } from './1767480000100-ClearUnknownUserTimezones';
import { AddRsvpAnswerGuard1767510000000 } from './1767510000000-AddRsvpAnswerGuard';
import { AddEventRevisions1767520000000 } from './1767520000000-AddEventRevisions';
import { CapacityGuardOwnRow1767530000000 } from './1767530000000-CapacityGuardOwnRow';
import { IndexForeignKeys1767540000000 } from './1767540000000-IndexForeignKeys';
import { AddRsvpWriteBatches1767550000000 } from './1767550000000-AddRsvpWriteBatches';

/** Every migration, in order. Listed explicitly so built and ts-node runs load the same set. */
export const MIGRATIONS = [
  CreateUsers1763700000000,
  CreateSessions1763700000100,
  CreateMagicLinks1763700000200,
  CreateApiTokens1763700000300,
  CreateRateLimitHits1763700000400,
  CreateGroups1763700000500,
  CreateMemberships1763700000600,
  CreateGroupInvites1763700000700,
  CreateOutboxMessages1763700000800,
  CreateDevMailbox1763700000900,
  CreateTopics1763700100000,
  CreatePosts1763700100100,
  CreateTopicFollowers1763700100200,
  CreatePostReports1763700100300,
  CreateSeries1763700200000,
  CreateEvents1763700200100,
  CreateRsvps1763700200200,
  CreateInvitations1763700200300,
  AddCalendarSettings1763700300000,
  CreateInboundMessages1763700400000,
  AddInboundUserErasure1763700400100,
  AddInvitationContentSequence1763700400200,
  AddOutboxAboutUser1763700400300,
  CreatePasswordFailures1765000100000,
  AddOutboxLeaseToken1765000400000,
  AddOutboxOrdering1765000400100,
  AddOutboxEventId1765000500000,
  AddInvitationStaleNotice1765000600000,
  AllowResolvingIgnoredInbound1765000600100,
  AddOutboxPendingAgeIndex1765000900000,
  CreateNetworking1766000000000,
  CreateFanoutJobs1767000000000,
  AddFanoutBatchAttempts1767000000100,
  AddInvitationManagement1767200000000,
  CreateAnnouncements1767300000000,
  AddMembershipAnnouncements1767300000100,
  AddUserOnboarding1767400000000,
  AddEventPlaceAndLanguage1767430000000,
  ForgetPreTickedAccessibility1767440000000,
  AddCacheVersions1767450000000,
  AddDeferredRsvpNotices1767460000000,
  ClearUnknownUserTimezones1767480000100,
  AddRsvpAnswerGuard1767510000000,
  AddEventRevisions1767520000000,
  CapacityGuardOwnRow1767530000000,
  IndexForeignKeys1767540000000,
  AddRsvpWriteBatches1767550000000,
];
