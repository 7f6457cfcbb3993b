import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import {
  Clock,
  DomainError,
  Env,
  notFound,
  RateLimiterService,
  addMs,
  hashToken,
  randomToken,
} from '@app/core';
import { OutboxService } from '@app/mail';
import { renderGroupInviteMail } from '@app/notifications';
import { GroupAccessService } from '../access/group-access.service';
import { roleAtLeast } from '../access/group-access';
import { communityError } from '../community.errors';
import { GroupEntity } from '../groups/group.entity';
import { GroupInviteEntity } from '../invites/group-invite.entity';
import { GroupRole, MembershipEntity, MembershipStatus } from './membership.entity';
import { MembershipsRepository } from './memberships.repository';

const INVITE_TTL_MS = 14 * 24 * 3600 * 1000;

export interface MemberView {
  userId: string;
  displayName: string;
  pronouns: string | null;
  role: GroupRole;
  status: MembershipStatus;
  joinedAt: Date;
}

export interface MemberChanges {
  role?: GroupRole;
  status?: MembershipStatus;
}

@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly access: GroupAccessService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Env) private readonly env: Env,
    @InjectRepository(GroupEntity) private readonly groupRepository: Repository<GroupEntity>,
    @InjectRepository(GroupInviteEntity)
    private readonly groupInviteRepository: Repository<GroupInviteEntity>,
    @InjectRepository(MembershipEntity) private readonly membershipRepository: Repository<MembershipEntity>,
    @Inject(MembershipsRepository) private readonly membershipsSql: MembershipsRepository,
  ) {}

  /** Owner, organizer or moderator (active) of some group: whom the admin app is for. */
  organizesAnywhere(userId: string): Promise<boolean> {
    return this.membershipsSql.organizesAnywhere(userId);
  }

  /**
   * Public and unlisted groups: active at once. Private groups: a pending request. For a private
   * group the caller cannot see, the answer is the same "pending" whether or not it exists, so
   * joining cannot be used to discover private groups.
   *
   * `cocAccepted` records that the person accepted the group's code of conduct (an RSVP to an event
   * that requires it then does not ask again). With `requireCoc` (the member pages, which show the
   * code beside the button) joining a public or unlisted group that has a code of conduct needs it
   * accepted; a private group is never asked about, as that would tell it apart from no group.
   */
  async join(
    slug: string,
    userId: string,
    options: { cocAccepted?: boolean; requireCoc?: boolean } = {},
  ): Promise<{ status: MembershipStatus }> {
    return this.dataSource.transaction(async (tx) => {
      const context = await this.access.load(slug, userId, tx);
      if (!context) {
        return { status: 'pending' as const };
      }
      const { group, membership } = context;
      if (membership?.status === 'banned') {
        return group.visibility === 'private'
          ? { status: 'pending' as const }
          : Promise.reject(this.banned());
      }
      const acceptedAt = options.cocAccepted && group.codeOfConduct.trim() !== '' ? this.clock.now() : null;
      if (membership) {
        if (acceptedAt && membership.status === 'active' && !membership.cocAcceptedAt)
          await this.membershipsSql.setCodeOfConductAccepted(tx, membership.id, acceptedAt);
        return { status: membership.status };
      }
      if (
        options.requireCoc &&
        group.visibility !== 'private' &&
        group.codeOfConduct.trim() !== '' &&
        !acceptedAt
      )
        throw new DomainError('VALIDATION_FAILED', 'Please read and accept the code of conduct to join', {
          fields: ['coc'],
        });
      const status: MembershipStatus = group.visibility === 'private' ? 'pending' : 'active';
      await this.membershipsSql.insertMembershipIfAbsent(tx, group.id, userId, status, acceptedAt);
      const current = await tx
        .withRepository(this.membershipRepository)
        .findOneByOrFail({ groupId: group.id, userId });
      return { status: current.status };
    });
  }

  /**
   * Leaving, or withdrawing a request to join. A private group the caller cannot see answers "not
   * found" as every route does for it, after quietly withdrawing a pending request: the answer may
   * not tell the asker that the group exists.
   */
  async leave(slug: string, userId: string): Promise<void> {
    const withdrawn = await this.dataSource.transaction(async (tx) => {
      const context = await this.access.load(slug, userId, tx);
      if (!context || !context.access.canView) {
        if (context?.membership?.status !== 'pending') throw notFound('Group');
        await tx.delete(MembershipEntity, { id: context.membership.id });
        return true;
      }
      const { group, membership } = context;
      if (!membership || membership.status === 'banned')
        throw communityError('MEMBERSHIP_NOT_FOUND', 'You are not a member');
      if (membership.role === 'owner') await this.assertAnotherOwner(tx, group.id, userId);
      await tx.delete(MembershipEntity, { id: membership.id });
      return false;
    });
    if (withdrawn) throw notFound('Group');
  }

  /** Organizers and moderators see everyone; others get an empty list rather than an error. */
  async list(slug: string, userId: string | null): Promise<MemberView[]> {
    const { group, access } = await this.access.require(slug, userId, 'view');
    if (!access.canSeeMembers) return [];
    return this.membershipsSql.selectMembers(group.id);
  }

  /**
   * Approve (pending → active), ban, unban and role changes. Organizers manage members and
   * moderators; only owners make or unmake organizers and owners; the last owner stays.
   */
  async update(
    slug: string,
    actorId: string,
    targetUserId: string,
    changes: MemberChanges,
  ): Promise<MemberView> {
    await this.dataSource.transaction(async (tx) => {
      const { group, access } = await this.access.require(slug, actorId, 'manageMembers', tx);
      const target = await this.membershipsSql.findMembershipForUpdate(tx, group.id, targetUserId);
      if (!target) throw communityError('MEMBERSHIP_NOT_FOUND', 'No such member');
      const touchesSenior =
        roleAtLeast(target.role, 'organizer') ||
        (changes.role !== undefined && roleAtLeast(changes.role, 'organizer'));
      if (touchesSenior && access.role !== 'owner') {
        throw communityError('ROLE_CHANGE_FORBIDDEN', 'Only an owner can change organizers and owners');
      }
      if (targetUserId === actorId && changes.status === 'banned') {
        throw communityError('ROLE_CHANGE_FORBIDDEN', 'You cannot ban yourself');
      }
      const losesOwnership =
        target.role === 'owner' &&
        ((changes.role !== undefined && changes.role !== 'owner') || changes.status === 'banned');
      if (losesOwnership) await this.assertAnotherOwner(tx, group.id, targetUserId);
      await tx.update(MembershipEntity, { id: target.id }, changes);
    });
    const members = await this.list(slug, actorId);
    const view = members.find((m) => m.userId === targetUserId);
    if (!view) throw communityError('MEMBERSHIP_NOT_FOUND', 'No such member');
    return view;
  }

  /** Emails a single-use invitation link; accepting it joins even a private group. */
  async invite(
    slug: string,
    actorId: string,
    email: string,
    role: Exclude<GroupRole, 'owner'> = 'member',
  ): Promise<{ id: string }> {
    await this.rateLimiter.consume({ key: `invite:${actorId}`, limit: 200, windowMs: 3600_000 });
    return this.dataSource.transaction(async (tx) => {
      const { group, access } = await this.access.require(slug, actorId, 'manageMembers', tx);
      if (role === 'organizer' && access.role !== 'owner') {
        throw communityError('ROLE_CHANGE_FORBIDDEN', 'Only an owner can invite organizers');
      }
      const token = randomToken();
      const now = this.clock.now();
      const invite = await tx.withRepository(this.groupInviteRepository).save(
        tx.create(GroupInviteEntity, {
          groupId: group.id,
          email,
          role,
          tokenHash: hashToken(token),
          invitedBy: actorId,
          createdAt: now,
          expiresAt: addMs(now, INVITE_TTL_MS),
          acceptedAt: null,
          acceptedBy: null,
          revokedAt: null,
        }),
      );
      const inviterName = await this.membershipsSql.selectDisplayName(tx, actorId);
      const mail = renderGroupInviteMail({
        groupName: group.name,
        inviterName: inviterName ?? group.name,
        link: `${this.env.publicBaseUrl}/invites/${encodeURIComponent(token)}`,
      });
      await this.outbox.enqueue(tx, { purpose: 'group_invite', to: email, ...mail });
      return { id: invite.id };
    });
  }

  /** The signed-in person must own the invited address; the invite is used once. */
  async acceptInvite(
    token: string,
    userId: string,
    userEmail: string,
  ): Promise<{ group: GroupEntity; status: MembershipStatus }> {
    return this.dataSource.transaction((tx) => this.acceptInviteInTx(tx, token, userId, userEmail));
  }

  /**
   * acceptInvite inside the caller's transaction (the one-click link creates or signs in the
   * account in the same one). Refused when the invitation is unknown, used, expired or revoked.
   */
  async acceptInviteInTx(
    tx: EntityManager,
    token: string,
    userId: string,
    userEmail: string,
  ): Promise<{ group: GroupEntity; status: MembershipStatus }> {
    const invite = await this.membershipsSql.findInviteForUpdate(tx, hashToken(token));
    const expired = !invite || invite.expiresAt.getTime() <= this.clock.now().getTime();
    if (!invite || invite.acceptedAt || invite.revokedAt || expired) {
      throw communityError('INVITE_INVALID', 'This invitation is invalid, used or expired');
    }
    if (invite.email.toLowerCase() !== userEmail.toLowerCase()) {
      throw communityError('INVITE_EMAIL_MISMATCH', 'Sign in with the address this invitation was sent to');
    }
    const group = await tx.withRepository(this.groupRepository).findOneByOrFail({ id: invite.groupId });
    const existing = await tx
      .withRepository(this.membershipRepository)
      .findOneBy({ groupId: group.id, userId });
    if (existing?.status === 'banned') throw this.banned();
    if (existing) {
      const role = roleAtLeast(existing.role, invite.role) ? existing.role : invite.role;
      await tx.update(MembershipEntity, { id: existing.id }, { status: 'active', role });
    } else {
      await tx.insert(MembershipEntity, { groupId: group.id, userId, role: invite.role, status: 'active' });
    }
    await tx.update(
      GroupInviteEntity,
      { id: invite.id },
      { acceptedAt: this.clock.now(), acceptedBy: userId },
    );
    return { group, status: 'active' as const };
  }

  /** The member accepted the group's code of conduct (with an RSVP), in the caller's transaction. */
  async recordCodeOfConductAccepted(tx: EntityManager, membershipId: string, at: Date): Promise<void> {
    await this.membershipsSql.setCodeOfConductAccepted(tx, membershipId, at);
  }

  private async assertAnotherOwner(tx: EntityManager, groupId: string, userId: string): Promise<void> {
    // The group row lock makes owners leaving or being demoted at once take turns: the second one
    // counts the owners after the first one's change.
    await this.membershipsSql.lockGroup(tx, groupId);
    const count = await this.membershipsSql.countOtherOwners(tx, groupId, userId);
    if (count === 0) throw communityError('LAST_OWNER', 'A group needs at least one owner');
  }

  private banned(): DomainError {
    return communityError('MEMBER_BANNED', 'You cannot join this group');
  }

  /**
   * The groups this person is the only active owner of (slugs), with every group they own locked
   * first: two co-owners leaving at once cannot both see the other stay.
   */
  async soleOwnedGroups(tx: EntityManager, userId: string): Promise<string[]> {
    await this.membershipsSql.lockOwnedGroups(tx, userId);
    return this.membershipsSql.selectSoleOwnedSlugs(tx, userId);
  }

  /** Group invitations are kept by address only: an erased person's go with them. */
  async forgetInvitesTo(tx: EntityManager, email: string): Promise<void> {
    await this.membershipsSql.deleteInvitesTo(tx, email);
  }
}
