import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AnnouncementItemRow,
  AnnouncementMark,
  AnnouncementRecipient,
  AnnouncementsService,
} from '@app/community';
import { Clock, Env } from '@app/core';
import { AnnouncedEventsService } from '@app/events';
import { OutboxService, OutgoingMail } from '@app/mail';
import { MailContext, announcementMail, sectionFor } from './announcement-mails';

/** Local hour after which a member's daily digest may go out. */
export const DIGEST_HOUR = 8;
/** Memberships claimed per transaction. */
const BATCH = 500;
/** Items per group and mail; the rest follow in the next mail. */
const PER_GROUP = 25;
/** Batches per kind and tick, so one tick stays bounded. */
const MAX_BATCHES = 50;

export interface DeliveryResult {
  immediate: number;
  digests: number;
}

const markKey = (groupId: string, after: string) => `${groupId}:${after}`;

/**
 * Mails group announcements (issue 12 part 2) in bounded batches, from any number of workers: each
 * batch claims memberships with FOR UPDATE SKIP LOCKED, and queues their mail and moves their marks
 * in one transaction, so a crash repeats nothing and loses nothing. 'immediate' members get one mail
 * per new item; 'digest' members one mail a day, after DIGEST_HOUR in their zone, in their language.
 */
@Injectable()
export class AnnouncementsDelivery {
  private readonly logger = new Logger(AnnouncementsDelivery.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
    @Inject(AnnouncedEventsService) private readonly events: AnnouncedEventsService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Env) private readonly env: Env,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async runOnce(now: Date = this.clock.now()): Promise<DeliveryResult> {
    while ((await this.announcements.seal()) > 0);
    const result: DeliveryResult = { immediate: 0, digests: 0 };
    for (let i = 0; i < MAX_BATCHES; i++) {
      const batch = await this.dataSource.transaction((tx) => this.immediateBatch(tx, now));
      result.immediate += batch.mails;
      if (batch.claimed < BATCH) break;
    }
    for (let i = 0; i < MAX_BATCHES; i++) {
      const batch = await this.dataSource.transaction((tx) => this.digestBatch(tx, now));
      result.digests += batch.mails;
      if (batch.claimed < BATCH) break;
    }
    if (result.immediate + result.digests > 0)
      this.logger.log(`queued ${result.immediate} announcements and ${result.digests} digests`);
    return result;
  }

  private async immediateBatch(tx: EntityManager, now: Date): Promise<{ claimed: number; mails: number }> {
    const claimed = await this.announcements.claimImmediate(tx, now, BATCH);
    const { items, context } = await this.load(tx, claimed, now);
    const mails: OutgoingMail[] = [];
    const marks: AnnouncementMark[] = [];
    for (const r of claimed) {
      const mine = items.get(markKey(r.groupId, r.announcedThrough)) ?? [];
      for (const item of mine) {
        const section = sectionFor(r, [item], context);
        if (section.topics.length + section.events.length === 0) continue;
        mails.push(announcementMail('immediate', r, [{ groupId: r.groupId, section }], context));
      }
      const last = mine[mine.length - 1];
      if (last) marks.push({ membershipId: r.membershipId, through: last.seq, digestOn: null });
    }
    await this.outbox.enqueue(tx, ...mails);
    await this.announcements.advance(tx, marks);
    return { claimed: claimed.length, mails: mails.length };
  }

  private async digestBatch(tx: EntityManager, now: Date): Promise<{ claimed: number; mails: number }> {
    const claimed = await this.announcements.claimDueDigests(tx, now, DIGEST_HOUR, BATCH);
    const people = await this.takePeople(tx, claimed, now);
    const { items, context } = await this.load(tx, [...people.values()].flat(), now);
    const mails: OutgoingMail[] = [];
    const marks: AnnouncementMark[] = [];
    for (const memberships of people.values()) {
      const groups = [];
      const theirs: AnnouncementMark[] = [];
      for (const r of memberships) {
        const mine = items.get(markKey(r.groupId, r.announcedThrough)) ?? [];
        const last = mine[mine.length - 1];
        if (!last) continue;
        const section = sectionFor(r, mine, context);
        if (section.topics.length + section.events.length > 0) groups.push({ groupId: r.groupId, section });
        theirs.push({ membershipId: r.membershipId, through: last.seq, digestOn: null });
      }
      // Nothing they may see: marks move on, no mail and no digest date. Otherwise this is today's.
      if (groups.length > 0) {
        for (const mark of theirs) mark.digestOn = memberships[0].localDate;
        mails.push(announcementMail('digest', memberships[0], groups, context));
      }
      marks.push(...theirs);
    }
    await this.outbox.enqueue(tx, ...mails);
    await this.announcements.advance(tx, marks);
    return { claimed: claimed.length, mails: mails.length };
  }

  /**
   * The claimed memberships by person, keeping only people whose digest turn this transaction holds
   * (an advisory lock) and who had no digest today by a fresh look: two workers never both mail one
   * person. A full batch may have cut the last person's memberships short: they wait for the next.
   */
  private async takePeople(
    tx: EntityManager,
    claimed: AnnouncementRecipient[],
    now: Date,
  ): Promise<Map<string, AnnouncementRecipient[]>> {
    const people = new Map<string, AnnouncementRecipient[]>();
    for (const r of claimed) people.set(r.userId, [...(people.get(r.userId) ?? []), r]);
    const lastUser = claimed[claimed.length - 1]?.userId;
    if (claimed.length >= BATCH && people.size > 1 && lastUser) people.delete(lastUser);
    for (const userId of [...people.keys()])
      if (!(await this.announcements.tryLockPerson(tx, userId))) people.delete(userId);
    for (const userId of await this.announcements.digestedToday(tx, [...people.keys()], now))
      people.delete(userId);
    return people;
  }

  private async load(
    tx: EntityManager,
    claimed: AnnouncementRecipient[],
    now: Date,
  ): Promise<{ items: Map<string, AnnouncementItemRow[]>; context: MailContext }> {
    const marks = new Map(claimed.map((r) => [markKey(r.groupId, r.announcedThrough), r]));
    const rows = await this.announcements.itemsAfter(
      tx,
      [...marks.values()].map((r) => ({ groupId: r.groupId, after: r.announcedThrough })),
      PER_GROUP,
    );
    const items = new Map<string, AnnouncementItemRow[]>();
    for (const row of rows) {
      const key = markKey(row.groupId, row.after);
      items.set(key, [...(items.get(key) ?? []), row]);
    }
    const eventIds = [...new Set(rows.filter((r) => r.kind === 'event').map((r) => r.itemId))];
    const userIds = [...new Set(claimed.map((r) => r.userId))];
    const events = await this.events.lookup(tx, eventIds, userIds, now);
    const context = { base: this.env.publicBaseUrl, secret: this.env.signingSecret, now, events };
    return { items, context };
  }
}
