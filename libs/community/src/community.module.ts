import { Module } from '@nestjs/common';
import { GroupAccessService } from './access/group-access.service';
import { GroupsService } from './groups/groups.service';
import { MembershipsService } from './memberships/memberships.service';
import { PostsService } from './topics/posts/posts.service';
import { ReportsService } from './topics/reports/reports.service';
import { TopicsService } from './topics/topics.service';

@Module({
  providers: [
    GroupAccessService,
    GroupsService,
    MembershipsService,
    TopicsService,
    PostsService,
    ReportsService,
  ],
  exports: [
    GroupAccessService,
    GroupsService,
    MembershipsService,
    TopicsService,
    PostsService,
    ReportsService,
  ],
})
export class CommunityModule {}
