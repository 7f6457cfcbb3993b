import { GroupEntity } from './groups/group.entity';
import { GroupInviteEntity } from './invites/group-invite.entity';
import { MembershipEntity } from './memberships/membership.entity';
import { TOPIC_ENTITIES } from './topics';

export * from './access/group-access';
export * from './access/group-access.service';
export * from './community.errors';
export * from './community.module';
export * from './groups/group.entity';
export * from './groups/groups.service';
export * from './invites/group-invite.entity';
export * from './memberships/membership.entity';
export * from './memberships/memberships.service';
export * from './topics';

export const COMMUNITY_ENTITIES = [GroupEntity, MembershipEntity, GroupInviteEntity, ...TOPIC_ENTITIES];
