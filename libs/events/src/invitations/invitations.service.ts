import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env, MetricsService } from '@app/core';
import { EventChange, InvitationMailKind } from '@app/notifications';
import { EventEntity } from '../events/event.entity';
import { FanoutKind, FanoutRepository } from '../fanout/fanout.repository';
import { Audience, isEmptyAudience } from './audience';
import { SendOptions, UNSUBSCRIBE_PURPOSE } from './invitation-composer';
import { InvitationManagementRepository } from './invitation-management.repository';
import { ViewerRsvpStatus } from '../access/event-visibility';
import {
  InvitationsRepository,
  NOTIFY_DEFERRED,
  StaleReplyNotice,
  noticeCtes,
  noticeParams,
} from './invitations.repository';

export type { InvitationMailKind, SendOptions };
export { UNSUBSCRIBE_PURPOSE };

// noticeCtes is the RSVP write's (one statement for the change and its notice); StaleReplyNotice is inbound's.
export { NOTIFY_DEFERRED, noticeCtes, type StaleReplyNotice };

/** A fan-out job recorded by a change; its progress is at GET /api/jobs/:id. */
export interface FanoutJobRef {
  id: string;
  kind: FanoutKind;
  total: number;
}

/**
 * Every message about an event to a person starts here. Fan-outs (invitations when a follow-up is
 * scheduled or people are added, updates when it changes, cancellations, reminders, resends) are
 * recorded as ONE fan-out job in the transaction of the change; the fan-out worker renders and queues
 * them batch by batch (FanoutService). The notices that follow an RSVP (waitlisted, confirmed,
 * removed) are one message each, queued as an intent in the RSVP's transaction and composed by the
 * worker after commit (DeferredNoticesService).
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(InvitationsRepository) private readonly repository: InvitationsRepository,
    @Inject(FanoutRepository) private readonly jobs: FanoutRepository,
    @Inject(InvitationManagementRepository) private readonly management: InvitationManagementRepository,
    @Inject(Env) private readonly env: Env,
  ) {}

  /**
   * Invites an audience (idempotent: someone already invited is not invited twice; banned members
   * never; a revoked invitation stays revoked: only an organizer's explicit resend reinstates it):
   * records one fan-out job that expands the audience into invitations and mails the newly invited, batch by
   * batch. Null when the audience is empty. A draft's job creates the invitations without mail; the
   * draft's publication mails them.
   */
  async invite(
    tx: EntityManager,
    event: EventEntity,
    audience: Audience,
    invitedBy: string | null,
    /** How many people the audience names, when the caller counted already (else counted here). */
    estimate?: number,
  ): Promise<FanoutJobRef | null> {
    if (isEmptyAudience(audience) || event.status === 'cancelled') return null;
    const total = estimate ?? (await this.jobs.countAudience(tx, event.groupId, audience));
    const id = await this.jobs.insertJob(tx, {
      eventId: event.id,
      kind: 'invitation',
      audience,
      onlyUserIds: null,
      options: {},
      invitedBy,
      total,
    });
    return { id, kind: 'invitation', total };
  }

  /**
   * Tells one person about their own RSVP change; they get an invitation if they had none. One
   * statement: it upserts the invitation (taking the next SEQUENCE for their copy) and queues the
   * message as an intent, committed with the change; nothing is rendered under the event lock — the
   * worker composes it after commit (DeferredNoticesService).
   */
  async notifyAttendee(
    tx: EntityManager,
    event: EventEntity,
    userId: string,
    kind: InvitationMailKind,
  ): Promise<void> {
    const id = randomUUID();
    const messageId = `<${id}@${this.env.INBOUND_DOMAIN}>`;
    if (await this.repository.queueOneCopy(tx, event, userId, kind, { id, messageId }))
      this.metrics.mailQueued.inc({ kind });
  }

  /**
   * notifyAttendee's notice as part of the caller's own statement — the RSVP write, whose SQL embeds
   * noticeCtes — so the change and the mail it causes take one round trip: the parameter values,
   * with a fresh outbox row id and Message-ID. `answer`: the RSVP status that statement writes.
   */
  noticeParams(
    event: EventEntity,
    userId: string,
    kind: InvitationMailKind,
    answer: ViewerRsvpStatus,
  ): unknown[] {
    const id = randomUUID();
    return noticeParams(event, userId, kind, { id, messageId: `<${id}@${this.env.INBOUND_DOMAIN}>` }, answer);
  }

  /** A draft goes live: everyone already on its invitation list gets the invitation (a job). */
  async notifyPublished(tx: EntityManager, event: EventEntity): Promise<FanoutJobRef | null> {
    return this.send(tx, event, 'invitation', null);
  }

  /** An attendee-visible change: everyone invited hears, except those who declined (a job). */
  async notifyChanged(
    tx: EntityManager,
    event: EventEntity,
    changes: EventChange[] = [],
  ): Promise<FanoutJobRef | null> {
    return this.send(tx, event, event.status === 'cancelled' ? 'cancellation' : 'update', null, { changes });
  }

  /**
   * Sends the invitation again to the people named, or to everyone invited who has not answered
   * (no RSVP at all), as a fan-out job; returns how many people it will write to. Revoked invitations and
   * people who opted out of announcements are skipped, as for any invitation; each copy takes the
   * next SEQUENCE. The caller holds the event lock.
   */
  async resend(tx: EntityManager, event: EventEntity, userIds: string[] | 'unanswered'): Promise<number> {
    const only = userIds === 'unanswered' ? await this.management.unansweredUserIds(tx, event.id) : userIds;
    if (only.length === 0) return 0;
    return (await this.send(tx, event, 'invitation', only))?.total ?? 0;
  }

  /**
   * Reminder to people going, minus those who opted out of reminders (a job); returns how many people
   * it addresses.
   */
  async sendReminders(tx: EntityManager, event: EventEntity, offsetHours: number): Promise<number> {
    const going = await this.repository.goingUserIds(tx, event.id);
    if (going.length === 0) return 0;
    await this.send(tx, event, 'reminder', going, { lead: offsetHours <= 1 ? '1h' : '24h' });
    return going.length;
  }

  /** Whether any invitation to this event has gone out (a copy was numbered for someone still invited). */
  anySent(tx: EntityManager, eventId: string): Promise<boolean> {
    return this.repository.anySent(tx, eventId);
  }

  /** Whether this person holds an invitation to the event that was not withdrawn. */
  isInvited(tx: EntityManager, eventId: string, userId: string): Promise<boolean> {
    return this.repository.isInvited(tx, eventId, userId);
  }

  /**
   * Claims the one "your answer came from an outdated copy" notice of this invitation's current
   * version: the conditional UPDATE lets one stale reply per version through, however many arrive at
   * once, and only while the event is open and the person still invited (and not banned). Null: no
   * mail to send. The caller renders and queues it in the same transaction.
   */
  claimStaleReplyNotice(
    tx: EntityManager,
    invitationId: string,
    now: Date,
  ): Promise<StaleReplyNotice | null> {
    return this.repository.claimStaleReplyNotice(tx, invitationId, now);
  }

  /** How many calendars an update to this event would reach (for the organizer's preview). */
  countUpdateRecipients(tx: EntityManager, eventId: string): Promise<number> {
    return this.repository.countUpdateRecipients(tx, eventId);
  }

  /**
   * The one place a fan-out over people already invited is recorded: everyone still invited (`only`
   * null) or only the people named (a resend). Nothing is rendered here: the worker renders each
   * message from the event as it is when their batch runs.
   */
  private async send(
    tx: EntityManager,
    event: EventEntity,
    kind: FanoutKind,
    only: string[] | null,
    options: SendOptions = {},
  ): Promise<FanoutJobRef | null> {
    if (only !== null && only.length === 0) return null;
    const total = await this.repository.countReachable(tx, event, kind, only);
    const id = await this.jobs.insertJob(tx, {
      eventId: event.id,
      kind,
      audience: null,
      onlyUserIds: only,
      options,
      invitedBy: null,
      total,
    });
    return { id, kind, total };
  }
}
