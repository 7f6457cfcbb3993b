import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { GroupEntity } from './groups/group.entity';
import { GroupInviteEntity } from './invites/group-invite.entity';
import { GroupInvitesService } from './invites/group-invites.service';
import { MembershipEntity } from './memberships/membership.entity';
import { PostEntity } from './topics/posts/post.entity';
import { PostReportEntity } from './topics/reports/post-report.entity';
import { TopicFollowerEntity } from './topics/topic-follower.entity';
import { TopicEntity } from './topics/topic.entity';
import { GroupAccessService } from './access/group-access.service';
import { AnnouncementsRepository } from './announcements/announcements.repository';
import { AnnouncementsService } from './announcements/announcements.service';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { MembershipsRepository } from './memberships/memberships.repository';
import { MembershipsService } from './memberships/memberships.service';
import { PostsRepository } from './topics/posts/posts.repository';
import { PostsService } from './topics/posts/posts.service';
import { ReportsRepository } from './topics/reports/reports.repository';
import { ReportsService } from './topics/reports/reports.service';
import { TopicsRepository } from './topics/topics.repository';
import { TopicsService } from './topics/topics.service';

@Module({
  imports: [
    IdentityModule,
    TypeOrmModule.forFeature([
      GroupEntity,
      MembershipEntity,
      GroupInviteEntity,
      TopicEntity,
      PostEntity,
      TopicFollowerEntity,
      PostReportEntity,
    ]),
  ],
  providers: [
    AnnouncementsRepository,
    AnnouncementsService,
    GroupsRepository,
    TopicsRepository,
    PostsRepository,
    ReportsRepository,
    MembershipsRepository,
    GroupAccessService,
    GroupsService,
    MembershipsService,
    GroupInvitesService,
    TopicsService,
    PostsService,
    ReportsService,
  ],
  exports: [
    AnnouncementsService,
    GroupAccessService,
    GroupsService,
    MembershipsService,
    GroupInvitesService,
    TopicsService,
    PostsService,
    ReportsService,
  ],
})
export class CommunityModule {}
