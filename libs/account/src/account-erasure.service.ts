import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipsService } from '@app/community';
import { DomainError, isRetryableTransactionFailure, notFound } from '@app/core';
import { EventContextService, EventsService } from '@app/events';
import { UsersService } from '@app/identity';
import { OutboxService } from '@app/mail';
import { RsvpService } from '@app/rsvp';
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
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
  ) {}

  /**
   * `confirm` must be the account's email address, typed by the person. Tried again from the start
   * (a new transaction) when the person answered another event while their seats were given back,
   * or when PostgreSQL chose it to break a deadlock (a calendar reply of theirs being applied holds
   * their row's key share and waits for an event lock this holds).
   */
  async erase(userId: string, confirm: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.eraseOnce(userId, confirm);
      } catch (error) {
        if (!(error instanceof AnsweredMeanwhile) && !isRetryableTransactionFailure(error)) throw error;
        if (attempt === ERASE_ATTEMPTS)
          throw new DomainError('CONFLICT', 'Answers kept arriving while the account was deleted; try again');
      }
    }
  }

  private async eraseOnce(userId: string, confirm: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const user = await this.users.forErasure(tx, userId);
      if (!user) throw notFound('User');
      if (confirm.trim().toLowerCase() !== user.email.toLowerCase())
        throw accountError(
          'ACCOUNT_CONFIRMATION_MISMATCH',
          'Type the email address of this account to confirm',
        );
      if (user.instanceRole === 'owner') {
        throw accountError(
          'ACCOUNT_IS_INSTANCE_OWNER',
          "The instance owner's account cannot be deleted while it is the owner",
        );
      }
      const sole = await this.memberships.soleOwnedGroups(tx, userId);
      if (sole.length > 0) {
        throw accountError('ACCOUNT_SOLE_GROUP_OWNER', 'Make someone else an owner of your groups first', {
          groups: sole,
        });
      }
      await this.releaseSeats(tx, userId);
      await this.outbox.forgetRecipient(tx, user.email);
      await this.memberships.forgetInvitesTo(tx, user.email);
      await this.users.erase(tx, userId, user.email);
    });
  }

  /**
   * Gives back every seat held on events still to come: under each event's row lock (in event id
   * order, one lock order for all callers) the RSVP row goes and the waitlist moves, whatever rule
   * would stop the person answering now (a ban, a hybrid event's mode, lost access to a private group).
   * Every event they answered is locked, not only those they were going to when first read: an answer
   * turning into a seat needs the event's lock, so none can slip in between this and the cascade
   * (which would take the seat away without moving the waitlist); new answers wait on the user row.
   */
  private async releaseSeats(tx: EntityManager, userId: string): Promise<void> {
    const answered = await this.rsvps.answeredEventIds(tx, userId);
    const upcoming = await this.events.upcomingScheduled(tx, answered);
    for (const eventId of upcoming) {
      const locked = await this.contexts.lock(eventId, null, tx);
      if (!locked) continue;
      await this.rsvps.releaseSeat(tx, locked.event, userId);
    }
    // Then the user row (events first, the order every answer takes: event lock, then the key share
    // its rows' foreign keys take on the user): answers in flight finish first, later ones wait for
    // the deletion and fail. One that landed on an event not locked above means starting again.
    await this.users.lockForErasure(tx, userId);
    const since = await this.rsvps.answeredEventIds(tx, userId);
    if ((await this.events.upcomingScheduled(tx, since)).length > 0) throw new AnsweredMeanwhile();
  }
}

const ERASE_ATTEMPTS = 3;

/** Rolls an erasure back to be tried again: the person answered an event whose lock it did not hold. */
class AnsweredMeanwhile extends Error {}
