import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { isUniqueViolation } from '@app/core';
import { GroupAccessService, GroupContext } from '../access/group-access.service';
import { decideGroupAccess } from '../access/group-access';
import { communityError } from '../community.errors';
import { MembershipEntity } from '../memberships/membership.entity';
import { GroupEntity, GroupVisibility } from './group.entity';
import { DirectoryGroupRow, GroupsRepository } from './groups.repository';

/** A page of the public group directory. */
export interface GroupDirectoryPage {
  items: DirectoryGroupRow[];
  hasMore: boolean;
}

/** Pages of the public directory go this deep, no further (a page of 20 each). */
export const DIRECTORY_MAX_OFFSET = 10_000;

export interface GroupFields {
  name: string;
  description?: string;
  timezone: string;
  city?: string | null;
  visibility?: GroupVisibility;
  codeOfConduct?: string;
  reminderHours?: number[];
}

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly access: GroupAccessService,
    @InjectRepository(GroupEntity) private readonly groupRepository: Repository<GroupEntity>,
    @InjectRepository(MembershipEntity) private readonly membershipRepository: Repository<MembershipEntity>,
    @Inject(GroupsRepository) private readonly groupsSql: GroupsRepository,
  ) {}

  /** The creator becomes the group's owner in the same transaction. */
  async create(userId: string, slug: string, fields: GroupFields): Promise<GroupContext> {
    try {
      await this.dataSource.transaction(async (tx) => {
        const group = await tx.withRepository(this.groupRepository).save(
          tx.create(GroupEntity, {
            slug: slug.toLowerCase(),
            name: fields.name,
            description: fields.description ?? '',
            timezone: fields.timezone,
            city: fields.city ?? null,
            visibility: fields.visibility ?? 'public',
            codeOfConduct: fields.codeOfConduct ?? '',
            reminderHours: fields.reminderHours ?? [24, 1],
            createdBy: userId,
          }),
        );
        await tx.insert(MembershipEntity, {
          groupId: group.id,
          userId,
          role: 'owner',
          status: 'active',
          cocAcceptedAt: new Date(),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_groups_slug'))
        throw communityError('GROUP_SLUG_TAKEN', 'That group address is taken');
      throw error;
    }
    return this.access.require(slug, userId, 'view');
  }

  get(slug: string, userId: string | null): Promise<GroupContext> {
    return this.access.require(slug, userId, 'view');
  }

  /**
   * The directory of public groups: listed (public) groups only, never unlisted or private ones,
   * searched by name. Nothing about members: who and how many belong to a group is not public.
   */
  async directory(query: { q?: string; offset: number; limit: number }): Promise<GroupDirectoryPage> {
    const limit = Math.min(50, Math.max(1, Math.trunc(query.limit)));
    const offset = Math.min(DIRECTORY_MAX_OFFSET, Math.max(0, Math.trunc(query.offset)));
    const rows = await this.groupsSql.selectPublicDirectory((query.q ?? '').trim(), offset, limit);
    return { items: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  async update(slug: string, userId: string, changes: Partial<GroupFields>): Promise<GroupContext> {
    const { group } = await this.access.require(slug, userId, 'edit');
    if (Object.keys(changes).length > 0) await this.groupRepository.update({ id: group.id }, changes);
    return this.access.require(slug, userId, 'view');
  }

  /**
   * Groups where the user is an active or pending member and that they may see: a private group
   * they only asked to join is left out, as the rest of the API answers for it as for no group.
   */
  async listMine(userId: string): Promise<Array<{ group: GroupEntity; membership: MembershipEntity }>> {
    const memberships = await this.membershipRepository.find({ where: { userId } });
    const listed = memberships.filter((m) => m.status !== 'banned');
    if (listed.length === 0) return [];
    const groups = await this.groupsSql.findByIdsByName(listed.map((m) => m.groupId));
    return groups.flatMap((group) => {
      const membership = listed.find((m) => m.groupId === group.id);
      return membership && decideGroupAccess(group.visibility, membership).canView
        ? [{ group, membership }]
        : [];
    });
  }
}
