import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { UsersService } from '@app/identity';
import { OutboxService } from '@app/mail';
import { renderStayInTouchMail } from '@app/notifications';
import { networkingError } from '../networking.errors';
import { NetworkingRepository } from '../networking.repository';
import { ParticipationService } from './participation.service';

export interface MetPerson {
  userId: string;
  shownName: string;
  /** My own answer (private to me until returned). */
  myIntent: { contact: string; message: string | null } | null;
  /** Only once both said yes: their contact and message. */
  mutual: { contact: string; message: string | null } | null;
}

/**
 * After meeting people: stay in touch (revealed only when mutual), report and block. A one-sided
 * intent is readable only by its author; nothing here tells anyone whether they were chosen.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
    @Inject(ParticipationService) private readonly participation: ParticipationService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async met(eventId: string, userId: string): Promise<MetPerson[]> {
    await this.participation.requireNetworkingEvent(eventId, userId);
    const tx = this.dataSource.manager;
    const people = await this.repo.met(tx, eventId, userId);
    const intents = await this.repo.intentsVisibleTo(tx, eventId, userId);
    return people.map((p) => {
      const mine = intents.find((i) => i.fromUserId === userId && i.toUserId === p.userId);
      const theirs = intents.find((i) => i.fromUserId === p.userId && i.toUserId === userId && i.mutualAt);
      return {
        userId: p.userId,
        shownName: p.shownName,
        myIntent: mine ? { contact: mine.contact, message: mine.message } : null,
        mutual: theirs ? { contact: theirs.contact, message: theirs.message } : null,
      };
    });
  }

  /**
   * "I'd like to stay in touch". When the other person already said the same, both get one mail
   * with each other's contact and message, queued in this transaction. The settings row lock
   * serialises two people answering each other at the same moment, so exactly one of them sees the
   * other's yes and the mails go once.
   */
  async stayInTouch(
    eventId: string,
    userId: string,
    otherId: string,
    answer: { contact: string; message?: string | null },
  ): Promise<{ mutual: boolean }> {
    const [me, other] = await Promise.all([
      this.users.get(userId),
      this.users.get(otherId).catch(() => null),
    ]);
    return this.dataSource.transaction(async (tx) => {
      const { event } = await this.participation.requireNetworkingEvent(eventId, userId, tx);
      const settings = await this.repo.settings(tx, eventId, true);
      const over = settings?.status === 'ended' || this.clock.now() >= event.endsAt;
      if (!over)
        throw networkingError('NETWORKING_NOT_OVER', 'Staying in touch opens when the rounds are over');
      const met = await this.requireMet(tx, eventId, userId, otherId);
      const existing = await this.repo.intent(tx, eventId, userId, otherId);
      if (existing?.mutualAt) return { mutual: true };
      const contact = answer.contact.trim();
      const message = answer.message?.trim() || null;
      await this.repo.saveIntent(tx, eventId, { fromUserId: userId, toUserId: otherId, contact, message });
      const theirs = await this.repo.intent(tx, eventId, otherId, userId);
      if (!theirs || !other) return { mutual: false };
      await this.repo.markMutual(tx, eventId, userId, otherId, this.clock.now());
      const myName = (await this.repo.participant(tx, eventId, userId))?.shownName ?? me.displayName;
      const toMe = renderStayInTouchMail({
        locale: me.locale,
        eventTitle: event.title,
        otherShownName: met.shownName || other.displayName,
        otherContact: theirs.contact,
        otherMessage: theirs.message,
      });
      const toThem = renderStayInTouchMail({
        locale: other.locale,
        eventTitle: event.title,
        otherShownName: myName,
        otherContact: contact,
        otherMessage: message,
      });
      await this.outbox.enqueue(
        tx,
        { purpose: 'networking_stay_in_touch', to: me.email, userId, aboutUserId: otherId, eventId, ...toMe },
        {
          purpose: 'networking_stay_in_touch',
          to: other.email,
          userId: otherId,
          aboutUserId: userId,
          eventId,
          ...toThem,
        },
      );
      return { mutual: true };
    });
  }

  /** Takes back a yes that was not returned yet (a mutual one has already been sent). */
  async withdraw(eventId: string, userId: string, otherId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.participation.requireNetworkingEvent(eventId, userId, tx);
      await this.repo.settings(tx, eventId, true);
      await this.repo.withdrawIntent(tx, eventId, userId, otherId);
    });
  }

  /** Reports someone I shared a room with to the group's moderators, with the round and room. */
  async report(eventId: string, userId: string, otherId: string, reason: string): Promise<{ id: string }> {
    return this.dataSource.transaction(async (tx) => {
      await this.participation.requireNetworkingEvent(eventId, userId, tx);
      const met = await this.requireMet(tx, eventId, userId, otherId);
      const id = await this.repo.addReport(tx, {
        eventId,
        reporterId: userId,
        reportedId: otherId,
        round: met.round,
        roomId: met.roomId,
        reason: reason.trim(),
      });
      return { id };
    });
  }

  /**
   * Never be matched with this person again in the group. Private and permanent; the answer is the
   * same whether or not they are a member, so it tells nothing about them.
   */
  async block(eventId: string, userId: string, otherId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { event } = await this.participation.requireNetworkingEvent(eventId, userId, tx);
      if (otherId === userId) return;
      await this.repo.addBlock(tx, event.groupId, userId, otherId);
    });
  }

  async blocks(eventId: string, userId: string): Promise<Array<{ userId: string; createdAt: Date }>> {
    const { event } = await this.participation.requireNetworkingEvent(eventId, userId);
    return this.repo.blocksBy(this.dataSource.manager, event.groupId, userId);
  }

  private async requireMet(
    tx: EntityManager,
    eventId: string,
    userId: string,
    otherId: string,
  ): Promise<{ shownName: string; round: number; roomId: string }> {
    const met = (await this.repo.met(tx, eventId, userId)).find((m) => m.userId === otherId);
    if (!met)
      throw networkingError('NETWORKING_NOT_MET', 'You can only do this for people you met in a room');
    return met;
  }
}
