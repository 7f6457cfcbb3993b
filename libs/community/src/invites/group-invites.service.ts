import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, Env, RateLimiterService, addMs, hashToken, notFound, randomToken } from '@app/core';
import { SessionsService, UsersService } from '@app/identity';
import { OutboxService } from '@app/mail';
import { renderGroupInviteMail } from '@app/notifications';
import { GroupAccessService } from '../access/group-access.service';
import { communityError } from '../community.errors';
import { GroupEntity } from '../groups/group.entity';
import { MembershipStatus } from '../memberships/membership.entity';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { MembershipsService } from '../memberships/memberships.service';

export const GROUP_INVITE_TTL_MS = 14 * 24 * 3600 * 1000;
/** Resending one membership invitation: at most this many new links a day. */
const RESEND_LIMIT = { limit: 3, windowMs: 24 * 3600_000 };
/** Accepting by link (POST), per client address: as many as the magic-link consume allows. */
const ACCEPT_LIMIT = { limit: 30, windowMs: 15 * 60_000 };

export interface PendingInviteView {
  id: string;
  email: string;
  role: string;
  invitedBy: { userId: string; displayName: string } | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** What the invitation page shows before anyone accepts. */
export interface InviteDescription {
  state: 'valid' | 'expired' | 'used' | 'revoked';
  email: string;
  groupSlug: string;
  groupName: string;
  codeOfConduct: string;
  inviterName: string | null;
}

export interface AcceptedByLink {
  group: GroupEntity;
  status: MembershipStatus;
  /** A session for the invited account when nobody was signed in (the link is proof of the address). */
  session: { token: string; expiresAt: Date } | null;
}

/** Signed out, and the invited address already has an account: nothing joined, sign in first. */
export interface SignInToAccept {
  signInRequired: true;
  email: string;
}

/**
 * Managing a group's membership invitations (issue 12.3) and accepting one in one click.
 *
 * The link in the email is a random single-use token (its hash kept); a POST with it joins the
 * invited address. Nobody signed in and no account for that address yet: the account is created
 * through identity's UsersService and signed in (SessionsService), in the same transaction as the
 * join. Nobody signed in and the address has an account (any account: an instance owner, a group's
 * owner, a guest added by address — identity keeps no reliable "never signed in" mark): nothing
 * happens, the caller asks them to sign in (the emailed magic link, 15 minutes, rate-limited) and
 * accept signed in — a 14-day invitation link is never a sign-in for an existing account. Someone
 * else signed in: refused (INVITE_EMAIL_MISMATCH), never switching accounts silently. Accepting is
 * rate-limited per client address. Resending issues a new token and expiry (the old link dies);
 * revoking kills the link.
 */
@Injectable()
export class GroupInvitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GroupAccessService) private readonly access: GroupAccessService,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(MembershipsRepository) private readonly repository: MembershipsRepository,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Env) private readonly env: Env,
  ) {}

  /** Organizers: the invitations nobody accepted yet and nobody revoked (expired ones flagged). */
  async listPending(slug: string, actorId: string): Promise<PendingInviteView[]> {
    const { group } = await this.access.require(slug, actorId, 'manageMembers');
    const now = this.clock.now().getTime();
    const rows = await this.repository.pendingInvites(group.id);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      invitedBy: r.invited_by ? { userId: r.invited_by, displayName: r.invited_by_name ?? '' } : null,
      createdAt: new Date(r.created_at),
      expiresAt: new Date(r.expires_at),
      expired: new Date(r.expires_at).getTime() <= now,
    }));
  }

  /** A new link and a new expiry, mailed again; the old link stops working. */
  async resend(slug: string, actorId: string, inviteId: string): Promise<PendingInviteView> {
    await this.access.require(slug, actorId, 'manageMembers');
    await this.rateLimiter.consume({ key: `group-invite-resend:${inviteId}`, ...RESEND_LIMIT });
    await this.dataSource.transaction(async (tx) => {
      const { group } = await this.access.require(slug, actorId, 'manageMembers', tx);
      const invite = await this.repository.lockInvite(tx, group.id, inviteId);
      if (!invite || invite.acceptedAt || invite.revokedAt) throw notFound('Invitation');
      const token = randomToken();
      await this.repository.renewInvite(
        tx,
        invite.id,
        hashToken(token),
        addMs(this.clock.now(), GROUP_INVITE_TTL_MS),
      );
      const inviterName = await this.repository.selectDisplayName(tx, actorId);
      const mail = renderGroupInviteMail({
        groupName: group.name,
        inviterName: inviterName ?? group.name,
        link: `${this.env.publicBaseUrl}/invites/${encodeURIComponent(token)}`,
      });
      await this.outbox.enqueue(tx, { purpose: 'group_invite', to: invite.email, ...mail });
    });
    const view = (await this.listPending(slug, actorId)).find((i) => i.id === inviteId);
    if (!view) throw notFound('Invitation');
    return view;
  }

  /** The link dies at once; the invitation leaves the pending list. */
  async revoke(slug: string, actorId: string, inviteId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { group } = await this.access.require(slug, actorId, 'manageMembers', tx);
      const invite = await this.repository.lockInvite(tx, group.id, inviteId);
      if (!invite || invite.acceptedAt) throw notFound('Invitation');
      if (!invite.revokedAt) await this.repository.revokeInvite(tx, invite.id, this.clock.now());
    });
  }

  /** The invitation behind a link, for its page (null: no such link, or a dead one after a resend). */
  async describe(token: string): Promise<InviteDescription | null> {
    const row = await this.repository.describeInvite(hashToken(token));
    if (!row) return null;
    const state = row.revoked_at
      ? 'revoked'
      : row.accepted_at
        ? 'used'
        : new Date(row.expires_at).getTime() <= this.clock.now().getTime()
          ? 'expired'
          : 'valid';
    return {
      state,
      email: row.email,
      groupSlug: row.group_slug,
      groupName: row.group_name,
      codeOfConduct: row.code_of_conduct,
      inviterName: row.invited_by_name,
    };
  }

  /**
   * One click from the email. Signed in: the account must own the invited address. Signed out: a new
   * address's account is created, signed in and joined in one transaction; an address that already
   * has an account gets SignInToAccept and nothing changes.
   */
  async acceptByLink(
    token: string,
    signedIn: { userId: string; email: string } | null,
    clientIp: string,
  ): Promise<AcceptedByLink | SignInToAccept> {
    await this.rateLimiter.consume({ key: `group-invite-accept:ip:${clientIp}`, ...ACCEPT_LIMIT });
    if (signedIn) {
      const accepted = await this.memberships.acceptInvite(token, signedIn.userId, signedIn.email);
      return { ...accepted, session: null };
    }
    return this.dataSource.transaction(async (tx) => {
      const row = await this.repository.describeInvite(hashToken(token));
      const expired = !row || new Date(row.expires_at).getTime() <= this.clock.now().getTime();
      if (!row || row.accepted_at || row.revoked_at || expired)
        throw communityError('INVITE_INVALID', 'This invitation is invalid, used or expired');
      // Created here or not at all: an address claimed before (or by a racing request) is not ours.
      const displayName = row.email.split('@')[0].slice(0, 100) || 'Member';
      const { ids, created } = await this.users.findOrCreateMany(tx, [{ email: row.email, displayName }]);
      const userId = ids.get(row.email.toLowerCase());
      if (created.length === 0 || !userId) return { signInRequired: true as const, email: row.email };
      const accepted = await this.memberships.acceptInviteInTx(tx, token, userId, row.email);
      const session = await this.sessions.issue(tx, userId);
      return { ...accepted, session };
    });
  }
}
