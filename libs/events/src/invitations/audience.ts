import { GROUP_ROLES, GroupRole } from '@app/community';

/**
 * Who an event's invitation goes to. The parts combine (a union, each person once): the participants
 * of a topic (its author, authors of visible posts and followers — the behaviour before audiences),
 * every active member of the group, active members with given roles, and named people (accounts,
 * already resolved from pasted addresses; they need not be members). Banned members are never
 * invited; people already invited are not invited twice (adding people later invites only the new ones).
 */
export interface Audience {
  topicId?: string | null;
  allMembers?: boolean;
  roles?: GroupRole[];
  userIds?: string[];
}

export const AUDIENCE_ROLES: readonly GroupRole[] = GROUP_ROLES;

export function isEmptyAudience(audience: Audience): boolean {
  return (
    !audience.topicId &&
    !audience.allMembers &&
    !(audience.roles ?? []).length &&
    !(audience.userIds ?? []).length
  );
}
