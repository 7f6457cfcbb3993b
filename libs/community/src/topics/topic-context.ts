import { DomainError } from '@app/core';
import { EntityManager } from 'typeorm';
import { GroupContext } from '../access/group-access.service';
import { decideGroupAccess } from '../access/group-access';
import { communityError } from '../community.errors';
import { GroupEntity } from '../groups/group.entity';
import { MembershipEntity } from '../memberships/membership.entity';
import { TopicEntity, TopicStatus } from './topic.entity';
import { TopicRefusal, canSeeTopic } from './topic-rules';
import { TopicLock, TopicsRepository } from './topics.repository';

export interface TopicContext extends GroupContext {
  topic: TopicEntity;
}

export type { TopicLock } from './topics.repository';

/**
 * The topic with its group and the caller's membership, or null when the caller may not know it
 * exists (unknown id, private group they are not in, hidden topic and not a moderator) so that all
 * of those answer the same 404.
 */
export async function loadTopicContext(
  topics: TopicsRepository,
  tx: EntityManager,
  topicId: string,
  userId: string | null,
  lock?: TopicLock,
): Promise<TopicContext | null> {
  const topic = await topics.findTopic(tx, topicId, lock);
  if (!topic) return null;
  const group = await tx.findOneBy(GroupEntity, { id: topic.groupId });
  if (!group) return null;
  const membership = userId ? await tx.findOneBy(MembershipEntity, { groupId: group.id, userId }) : null;
  const access = decideGroupAccess(group.visibility, membership);
  if (!canSeeTopic(group.visibility, access, topic.status)) return null;
  return { topic, group, membership, access };
}

export function topicRefusalError(refusal: TopicRefusal, status: TopicStatus): DomainError {
  switch (refusal) {
    case 'UNAUTHENTICATED':
      return new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    case 'FORBIDDEN':
      return new DomainError('FORBIDDEN', 'You are not allowed to do this in this topic');
    case 'TOPIC_LOCKED':
      return communityError(
        'TOPIC_LOCKED',
        status === 'hidden' ? 'This topic is hidden and takes no changes' : 'This topic is locked',
      );
  }
}
