import { GroupContext, GroupEntity, MembershipEntity, decideGroupAccess } from '@app/community';
import { GroupResponse } from './community.dto';

export function toGroupResponse({ group, membership, access }: GroupContext): GroupResponse {
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    timezone: group.timezone,
    city: group.city,
    visibility: group.visibility,
    codeOfConduct: group.codeOfConduct,
    reminderHours: group.reminderHours,
    membership:
      membership && membership.status !== 'banned'
        ? { role: membership.role, status: membership.status }
        : null,
    permissions: {
      edit: access.canEdit,
      manageMembers: access.canManageMembers,
      moderate: access.canModerate,
    },
  };
}

export const toGroupResponseFor = (group: GroupEntity, membership: MembershipEntity): GroupResponse =>
  toGroupResponse({ group, membership, access: decideGroupAccess(group.visibility, membership) });
