import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessService } from '../access/group-access.service';
import { communityError } from '../community.errors';
import { AnnouncementKind, AnnouncementMode } from './announcement-modes';
import {
  AnnouncementItemRow,
  AnnouncementMark,
  AnnouncementRecipient,
  AnnouncementsRepository,
  GroupPreferenceRow,
} from './announcements.repository';

export type { AnnouncementItemRow, AnnouncementMark, AnnouncementRecipient, GroupPreferenceRow };

/**
 * Group announcements (issue 12 part 2). The request that opens a topic or publishes an event only
 * records one row in its transaction; the announcements worker (libs/runtime) numbers them, finds
 * who is due and mails them, moving each membership's mark in the transaction that queues the mail,
 * so a crash neither loses nor repeats one.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly access: GroupAccessService,
    @Inject(AnnouncementsRepository) private readonly repository: AnnouncementsRepository,
  ) {}

  /** Records a new topic or a newly published event, in the caller's transaction (idempotent). */
  record(
    tx: EntityManager,
    item: { groupId: string; kind: AnnouncementKind; itemId: string; authorId: string | null },
  ): Promise<void> {
    return this.repository.insert(tx, item.groupId, item.kind, item.itemId, item.authorId);
  }

  /** Numbers what was recorded since the last call, in its own transaction; returns how many. */
  seal(limit = 1000): Promise<number> {
    return this.dataSource.transaction((tx) => this.repository.seal(tx, limit));
  }

  claimImmediate(tx: EntityManager, now: Date, limit: number): Promise<AnnouncementRecipient[]> {
    return this.repository.claimImmediate(tx, now, limit);
  }

  claimDueDigests(
    tx: EntityManager,
    now: Date,
    hour: number,
    limit: number,
  ): Promise<AnnouncementRecipient[]> {
    return this.repository.claimDueDigests(tx, now, hour, limit);
  }

  tryLockPerson(tx: EntityManager, userId: string): Promise<boolean> {
    return this.repository.tryLockPerson(tx, userId);
  }

  digestedToday(tx: EntityManager, userIds: string[], now: Date): Promise<Set<string>> {
    return this.repository.digestedToday(tx, userIds, now);
  }

  itemsAfter(
    tx: EntityManager,
    marks: Array<{ groupId: string; after: string }>,
    perGroup: number,
  ): Promise<AnnouncementItemRow[]> {
    return this.repository.itemsAfter(tx, marks, perGroup);
  }

  advance(tx: EntityManager, marks: AnnouncementMark[]): Promise<void> {
    return this.repository.advance(tx, marks);
  }

  /** The caller's mode in a group they are an active member of. */
  async getMode(slug: string, userId: string): Promise<AnnouncementMode> {
    const { membership } = await this.access.require(slug, userId, 'member');
    const mode = membership ? await this.repository.mode(this.dataSource.manager, membership.id) : null;
    if (!mode) throw communityError('MEMBERSHIP_NOT_FOUND', 'You are not a member');
    return mode;
  }

  async setMode(slug: string, userId: string, mode: AnnouncementMode): Promise<AnnouncementMode> {
    return this.dataSource.transaction(async (tx) => {
      const { membership } = await this.access.require(slug, userId, 'member', tx);
      if (!membership) throw communityError('MEMBERSHIP_NOT_FOUND', 'You are not a member');
      await this.repository.setMode(tx, membership.id, mode);
      return mode;
    });
  }

  /** The person's groups (active memberships) and how they hear of each. */
  preferences(userId: string): Promise<GroupPreferenceRow[]> {
    return this.repository.preferences(userId);
  }

  /** One-click unsubscribe from an announcement mail: those groups go quiet for this person. */
  stopFor(userId: string, groupIds: string[]): Promise<number> {
    return this.repository.setNone(userId, groupIds);
  }
}
