import { GroupAccess } from '../access/group-access';
import { GroupVisibility } from '../groups/group.entity';
import { TopicStatus } from './topic.entity';

/**
 * Topic-level rules layered on decideGroupAccess (which stays the one source of group permissions).
 * Pure, so the matrix is unit-tested without a database.
 */

export type TopicAbility = 'view' | 'moderate' | 'post';
export type TopicRefusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'TOPIC_LOCKED';

/**
 * Public and unlisted groups' discussions are readable by whoever can see the group. A private
 * group's are for its active members only (whom decideGroupAccess already limits its viewers to;
 * the second condition keeps that true should the group rule ever widen).
 */
export function canReadTopics(visibility: GroupVisibility, access: GroupAccess): boolean {
  return access.canView && (visibility !== 'private' || access.isMember);
}

/** Whether the topic exists as far as the caller can tell: hidden topics exist for moderators only. */
export function canSeeTopic(visibility: GroupVisibility, access: GroupAccess, status: TopicStatus): boolean {
  return canReadTopics(visibility, access) && (status !== 'hidden' || access.canModerate);
}

/** Why an ability on a visible topic is refused, or null when it is allowed. */
export function refuseTopicAbility(
  access: GroupAccess,
  status: TopicStatus,
  ability: TopicAbility,
  signedIn: boolean,
): TopicRefusal | null {
  const denied: TopicRefusal = signedIn ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  switch (ability) {
    case 'view':
      return null;
    case 'moderate':
      return access.canModerate ? null : denied;
    case 'post':
      if (!access.isMember) return denied;
      // Moderators too: a lock is lifted by unlocking, so it never silently lets some posts through.
      return status === 'open' ? null : 'TOPIC_LOCKED';
  }
}

/**
 * Title and body: the author while an active member, or a moderator. A locked topic is frozen for
 * its author as well, or a lock could be sidestepped by rewriting the topic.
 */
export function refuseTopicEdit(
  access: GroupAccess,
  status: TopicStatus,
  isAuthor: boolean,
): Exclude<TopicRefusal, 'UNAUTHENTICATED'> | null {
  if (access.canModerate) return null;
  if (!isAuthor || !access.isMember) return 'FORBIDDEN';
  return status === 'open' ? null : 'TOPIC_LOCKED';
}

/** A post's body: only its author while an active member, and only while the topic is open. */
export function refusePostEdit(
  access: GroupAccess,
  status: TopicStatus,
  isAuthor: boolean,
): Exclude<TopicRefusal, 'UNAUTHENTICATED'> | null {
  if (!isAuthor || !access.isMember) return 'FORBIDDEN';
  return status === 'open' ? null : 'TOPIC_LOCKED';
}
