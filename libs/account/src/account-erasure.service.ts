import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, queryRows } from '@app/core';
import { EventContextService } from '@app/events';
import { WaitlistService } from '@app/rsvp';
import { accountError } from './account.errors';

/**
 * Deletes a person and what Hearth keeps about them (DESIGN §5). Seats they hold on coming events go
 * back first, under each event's lock, so the waitlist moves and the people promoted are told; then
 * the user row goes, and with it (foreign keys, ON DELETE CASCADE) their
 * sessions, tokens, memberships, posts, follows, reports, RSVPs and their history, invitations,
 * opt-outs, outbox and inbound mail (the inbound trigger also takes mail from their address that
 * matched no invitation). Topics they started stay for the group, without an author. Mail and
 * invitations kept by address only (dev mailbox, sign-in links, group invites) are deleted here.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(WaitlistService) private readonly waitlist: WaitlistService,
  ) {}

  /** `confirm` must be the account's email address, typed by the person. */
  async erase(userId: string, confirm: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [user] = await queryRows<{ email: string; instance_role: string }>(
        tx,
        `SELECT email, instance_role FROM users WHERE id = $1`,
        [userId],
      );
      if (!user) throw notFound('User');
      if (confirm.trim().toLowerCase() !== user.email.toLowerCase())
        throw accountError(
          'ACCOUNT_CONFIRMATION_MISMATCH',
          'Type the email address of this account to confirm',
        );
      if (user.instance_role === 'owner') {
        throw accountError(
          'ACCOUNT_IS_INSTANCE_OWNER',
          "The instance owner's account cannot be deleted while it is the owner",
        );
      }
      // The groups they own, locked: two co-owners leaving at once cannot both see the other stay.
      await tx.query(
        `SELECT g.id FROM groups g JOIN memberships m ON m.group_id = g.id
          WHERE m.user_id = $1 AND m.role = 'owner' ORDER BY g.id FOR UPDATE OF g`,
        [userId],
      );
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
      if (sole.length > 0) {
        throw accountError('ACCOUNT_SOLE_GROUP_OWNER', 'Make someone else an owner of your groups first', {
          groups: sole.map((g) => g.slug),
        });
      }
      await this.releaseSeats(tx, userId);
      const email = user.email;
      await tx.query(`DELETE FROM dev_mailbox_messages WHERE lower(recipient) = lower($1)`, [email]);
      await tx.query(`DELETE FROM magic_links WHERE lower(email) = lower($1)`, [email]);
      await tx.query(`DELETE FROM group_invites WHERE lower(email) = lower($1)`, [email]);
      await tx.query(`DELETE FROM outbox_messages WHERE lower(recipient) = lower($1)`, [email]);
      await tx.query(`DELETE FROM users WHERE id = $1`, [userId]);
    });
  }

  /**
   * Gives back every seat held on events still to come: under each event's row lock (in event id
   * order, one lock order for all callers) the RSVP row goes and the waitlist moves, whatever rule
   * would stop the person answering now (a ban, a hybrid event's mode, lost access to a private group).
   */
  private async releaseSeats(tx: EntityManager, userId: string): Promise<void> {
    const held = await queryRows<{ event_id: string }>(
      tx,
      `SELECT r.event_id FROM rsvps r JOIN events e ON e.id = r.event_id
        WHERE r.user_id = $1 AND r.status = 'going' AND e.status = 'scheduled' AND e.ends_at > now()
        ORDER BY r.event_id`,
      [userId],
    );
    for (const { event_id: eventId } of held) {
      const locked = await this.contexts.lock(eventId, null, tx);
      if (!locked) continue;
      await tx.query(`DELETE FROM rsvps WHERE event_id = $1 AND user_id = $2`, [eventId, userId]);
      await this.waitlist.promote(tx, locked.event, 'web');
    }
  }
}
