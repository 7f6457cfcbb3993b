import { Module } from '@nestjs/common';
import { GroupAccessService } from './access/group-access.service';
import { GroupsService } from './groups/groups.service';
import { MembershipsService } from './memberships/memberships.service';

@Module({
  providers: [GroupAccessService, GroupsService, MembershipsService],
  exports: [GroupAccessService, GroupsService, MembershipsService],
})
export class CommunityModule {}
