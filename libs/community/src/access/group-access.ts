import { GroupVisibility } from '../groups/group.entity';
import { GroupRole, MembershipStatus } from '../memberships/membership.entity';

export interface GroupAccess {
  /** May know the group exists and read it; when false every route answers 404. */
  canView: boolean;
  /** Active member with any role. */
  isMember: boolean;
  role: GroupRole | null;
  status: MembershipStatus | null;
  canEdit: boolean;
  canManageMembers: boolean;
  canModerate: boolean;
  canSeeMembers: boolean;
}

const RANK: Record<GroupRole, number> = { member: 0, moderator: 1, organizer: 2, owner: 3 };

export const roleAtLeast = (role: GroupRole | null, needed: GroupRole): boolean =>
  role !== null && RANK[role] >= RANK[needed];

/**
 * Every authorisation decision about a group comes from here. A private group is invisible to
 * everyone but its active members: pending (asked to join), banned, invited-but-not-yet-accepted
 * and former members see exactly what a stranger sees of a slug that does not exist (DESIGN §5),
 * so asking to join can never confirm that a guessed slug is a group. The instance owner gets no
 * special access to a group's members or content.
 */
export function decideGroupAccess(
  visibility: GroupVisibility,
  membership: { role: GroupRole; status: MembershipStatus } | null,
): GroupAccess {
  const status = membership?.status ?? null;
  const active = status === 'active';
  const role = active && membership ? membership.role : null;
  const canView = visibility !== 'private' || active;
  return {
    canView,
    isMember: active,
    role,
    status,
    canEdit: roleAtLeast(role, 'organizer'),
    canManageMembers: roleAtLeast(role, 'organizer'),
    canModerate: roleAtLeast(role, 'moderator'),
    canSeeMembers: roleAtLeast(role, 'moderator'),
  };
}
