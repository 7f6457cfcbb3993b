import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DomainError, notFound } from '@app/core';
import { GroupEntity } from '../groups/group.entity';
import { MembershipEntity } from '../memberships/membership.entity';
import { GroupAccess, decideGroupAccess } from './group-access';

export type GroupAbility = 'view' | 'edit' | 'manageMembers' | 'moderate' | 'seeMembers' | 'member';

export interface GroupContext {
  group: GroupEntity;
  membership: MembershipEntity | null;
  access: GroupAccess;
}

const ABILITY: Record<GroupAbility, (a: GroupAccess) => boolean> = {
  view: (a) => a.canView,
  edit: (a) => a.canEdit,
  manageMembers: (a) => a.canManageMembers,
  moderate: (a) => a.canModerate,
  seeMembers: (a) => a.canSeeMembers,
  member: (a) => a.isMember,
};

/** Loads a group with the caller's membership and enforces an ability: 404 if unseen, 403 if not allowed. */
@Injectable()
export class GroupAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GroupEntity) private readonly groupRepository: Repository<GroupEntity>,
    @InjectRepository(MembershipEntity) private readonly membershipRepository: Repository<MembershipEntity>,
  ) {}

  async load(
    slug: string,
    userId: string | null,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<GroupContext | null> {
    const group = await tx.withRepository(this.groupRepository).findOneBy({ slug: slug.toLowerCase() });
    if (!group) return null;
    const membership = userId
      ? await tx.withRepository(this.membershipRepository).findOneBy({ groupId: group.id, userId })
      : null;
    return { group, membership, access: decideGroupAccess(group.visibility, membership) };
  }

  async require(
    slug: string,
    userId: string | null,
    ability: GroupAbility,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<GroupContext> {
    const context = await this.load(slug, userId, tx);
    if (!context || !context.access.canView) throw notFound('Group');
    if (!ABILITY[ability](context.access)) {
      throw new DomainError(
        userId ? 'FORBIDDEN' : 'UNAUTHENTICATED',
        'You are not allowed to do this in this group',
      );
    }
    return context;
  }
}
