import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { queryRows } from '@app/core';
import { GroupInviteEntity } from '../invites/group-invite.entity';
import { GroupRole, MembershipEntity, MembershipStatus } from './membership.entity';

export interface MemberRow {
  userId: string;
  displayName: string;
  pronouns: string | null;
  role: GroupRole;
  status: MembershipStatus;
  joinedAt: Date;
}

/** The memberships service's SQL: memberships, group invites and the owner checks. */
@Injectable()
export class MembershipsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(GroupInviteEntity)
    private readonly groupInviteRepository: Repository<GroupInviteEntity>,
    @InjectRepository(MembershipEntity) private readonly membershipRepository: Repository<MembershipEntity>,
  ) {}

  /** Whether the person is an active owner, organizer or moderator of at least one group. */
  async organizesAnywhere(userId: string): Promise<boolean> {
    const [row] = await queryRows<{ found: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = $1 AND status = 'active'
                        AND role IN ('owner', 'organizer', 'moderator')) AS found`,
      [userId],
    );
    return row?.found === true;
  }

  /** A new member row; a concurrent join of the same person leaves the first one. */
  async insertMembershipIfAbsent(
    tx: EntityManager,
    groupId: string,
    userId: string,
    status: MembershipStatus,
    cocAcceptedAt: Date | null = null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO memberships (group_id, user_id, role, status, coc_accepted_at) VALUES ($1, $2, 'member', $3, $4)
       ON CONFLICT ON CONSTRAINT "UQ_memberships_group_id_user_id" DO NOTHING`,
      [groupId, userId, status, cocAcceptedAt],
    );
  }

  /** A group's members: pending first, then active, then banned; by name. */
  selectMembers(groupId: string): Promise<MemberRow[]> {
    return queryRows<MemberRow>(
      this.dataSource,
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.pronouns, m.role, m.status, m.created_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = $1
        ORDER BY CASE m.status WHEN 'pending' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, u.display_name, m.user_id`,
      [groupId],
    );
  }

  /** The person's membership of the group, held for update until the transaction ends. */
  findMembershipForUpdate(
    tx: EntityManager,
    groupId: string,
    userId: string,
  ): Promise<MembershipEntity | null> {
    return tx
      .withRepository(this.membershipRepository)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.group_id = :g AND m.user_id = :u', { g: groupId, u: userId })
      .getOne();
  }

  async selectDisplayName(tx: EntityManager, userId: string): Promise<string | undefined> {
    const rows = await tx.query<Array<{ display_name: string }>>(
      `SELECT display_name FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.display_name;
  }

  /** The invite with this token hash, held for update so it is used once. */
  findInviteForUpdate(tx: EntityManager, tokenHash: string): Promise<GroupInviteEntity | null> {
    return tx
      .withRepository(this.groupInviteRepository)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :h', { h: tokenHash })
      .getOne();
  }

  async setCodeOfConductAccepted(tx: EntityManager, membershipId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE memberships SET coc_accepted_at = $2 WHERE id = $1`, [membershipId, at]);
  }

  /** Locks the group row until the transaction ends. */
  async lockGroup(tx: EntityManager, groupId: string): Promise<void> {
    await tx.query(`SELECT id FROM groups WHERE id = $1 FOR UPDATE`, [groupId]);
  }

  /** Active owners of the group other than this person. */
  async countOtherOwners(tx: EntityManager, groupId: string, userId: string): Promise<number> {
    const [{ count }] = await tx.query<Array<{ count: string }>>(
      `SELECT count(*) FROM memberships WHERE group_id = $1 AND role = 'owner' AND status = 'active' AND user_id <> $2`,
      [groupId, userId],
    );
    return Number(count);
  }

  /** Locks every group the person owns, in id order. */
  async lockOwnedGroups(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(
      `SELECT g.id FROM groups g JOIN memberships m ON m.group_id = g.id
        WHERE m.user_id = $1 AND m.role = 'owner' ORDER BY g.id FOR UPDATE OF g`,
      [userId],
    );
  }

  /** Slugs of the groups this person is the only active owner of. */
  async selectSoleOwnedSlugs(tx: EntityManager, userId: string): Promise<string[]> {
    const sole = await queryRows<{ slug: string }>(
      tx,
      `SELECT g.slug FROM memberships m JOIN groups g ON g.id = m.group_id
        WHERE m.user_id = $1 AND m.role = 'owner' AND m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM memberships o
                           WHERE o.group_id = m.group_id AND o.user_id <> $1
                             AND o.role = 'owner' AND o.status = 'active')
        ORDER BY g.slug`,
      [userId],
    );
    return sole.map((g) => g.slug);
  }

  async deleteInvitesTo(tx: EntityManager, email: string): Promise<void> {
    await tx.query(`DELETE FROM group_invites WHERE lower(email) = lower($1)`, [email]);
  }

  /** A group's invitations not accepted nor revoked (expired ones too), newest first, with the inviter's name. */
  pendingInvites(groupId: string): Promise<PendingInviteRow[]> {
    return queryRows<PendingInviteRow>(
      this.dataSource,
      `SELECT i.id, i.email, i.role, i.invited_by, u.display_name AS invited_by_name, i.created_at, i.expires_at
         FROM group_invites i LEFT JOIN users u ON u.id = i.invited_by
        WHERE i.group_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
        ORDER BY i.created_at DESC, i.id
        LIMIT 1000`,
      [groupId],
    );
  }

  /** One invitation of the group, held for update. */
  lockInvite(tx: EntityManager, groupId: string, inviteId: string): Promise<GroupInviteEntity | null> {
    return tx
      .withRepository(this.groupInviteRepository)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.group_id = :g', { id: inviteId, g: groupId })
      .getOne();
  }

  /** A new link for the invitation: the old token hash is replaced, so the old link is dead. */
  async renewInvite(tx: EntityManager, inviteId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await tx.query(`UPDATE group_invites SET token_hash = $2, expires_at = $3 WHERE id = $1`, [
      inviteId,
      tokenHash,
      expiresAt,
    ]);
  }

  async revokeInvite(tx: EntityManager, inviteId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE group_invites SET revoked_at = $2 WHERE id = $1`, [inviteId, at]);
  }

  /** What the invitation page shows: the invitation by its token hash, its group and who sent it. */
  async describeInvite(tokenHash: string): Promise<InviteDescriptionRow | null> {
    const [row] = await queryRows<InviteDescriptionRow>(
      this.dataSource,
      `SELECT i.email, i.expires_at, i.accepted_at, i.revoked_at, g.slug AS group_slug, g.name AS group_name,
              g.code_of_conduct, u.display_name AS invited_by_name
         FROM group_invites i JOIN groups g ON g.id = i.group_id LEFT JOIN users u ON u.id = i.invited_by
        WHERE i.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }
}

export interface PendingInviteRow {
  id: string;
  email: string;
  role: string;
  invited_by: string | null;
  invited_by_name: string | null;
  created_at: Date;
  expires_at: Date;
}

export interface InviteDescriptionRow {
  email: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  group_slug: string;
  group_name: string;
  code_of_conduct: string;
  invited_by_name: string | null;
}
