import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ITIP_METHOD, invitationCalendarPart, partstatForRsvp, replyAddress } from '@app/calendar';
import { decideGroupAccess } from '@app/community';
import { Env, MetricsService, signToken } from '@app/core';
import { OutgoingMail, OutboxService } from '@app/mail';
import {
  EventChange,
  InvitationMailKind,
  isNonEssentialMail,
  listUnsubscribeHeaders,
  renderInvitationMail,
} from '@app/notifications';
import { decideEventView } from '../access/event-visibility';
import { EventEntity } from '../events/event.entity';
import { calendarEventData } from '../feeds/calendar-data';
import { Audience } from './audience';
import { AudienceRepository } from './audience.repository';
import {
  InvitationsRepository,
  NOTIFY_ONE,
  OPT_OUT,
  RecipientRow,
  StaleReplyNotice,
} from './invitations.repository';
import { InvitationManagementRepository } from './invitation-management.repository';
import { RsvpLinkAnswer, rsvpLinkUrl, signRsvpLink } from './rsvp-links';

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';
const LINK_TTL_S = 90 * 24 * 3600;

export type { InvitationMailKind };

// NOTIFY_ONE is bench/rsvp's too (its ceiling runs the same statement); StaleReplyNotice is inbound's.
export { NOTIFY_ONE, type StaleReplyNotice };

export interface SendOptions {
  /** For updates: what changed, named in the mail. */
  changes?: EventChange[];
  /** For reminders: how long before the start. */
  lead?: '24h' | '1h';
}

/**
 * Every message about an event to a person goes through here, one per recipient, inside the
 * transaction of the change that causes it: invitations when a follow-up is scheduled, updates when
 * it changes, cancellations, and the notices that follow an RSVP (waitlisted, confirmed, removed).
 * Each carries an iTIP REQUEST or CANCEL (except reminders) whose ORGANIZER is the invitation's own
 * reply address and whose one ATTENDEE is the recipient; what they see of the venue is decided per
 * recipient by decideEventView.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Env) private readonly env: Env,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(InvitationsRepository) private readonly repository: InvitationsRepository,
    @Inject(InvitationManagementRepository) private readonly management: InvitationManagementRepository,
    @Inject(AudienceRepository) private readonly audiences: AudienceRepository,
  ) {}

  /**
   * Invites an audience (idempotent: someone already invited is not invited twice; banned members
   * never; a revoked invitation stays revoked: only an organizer's explicit resend reinstates it).
   */
  async invite(
    tx: EntityManager,
    event: EventEntity,
    audience: Audience,
    invitedBy: string | null,
  ): Promise<number> {
    const userIds = await this.audiences.candidates(tx, event.groupId, audience);
    if (userIds.length === 0) return 0;
    const created = await this.repository.insertMissing(tx, event.id, userIds, invitedBy);
    if (event.status === 'scheduled' && created.length > 0) await this.send(tx, event, 'invitation', created);
    return created.length;
  }

  /**
   * Tells one person about their own RSVP change; they get an invitation if they had none. Two
   * statements: one upserts the invitation (taking the next SEQUENCE for their copy) and reads what
   * the message needs, the other queues the message.
   */
  async notifyAttendee(
    tx: EntityManager,
    event: EventEntity,
    userId: string,
    kind: InvitationMailKind,
  ): Promise<void> {
    const row = await this.repository.numberOneCopy(tx, event, userId, kind);
    if (!row) return;
    // The upsert only answers for a copy it just numbered, so last_sequence_sent is this copy's.
    const sequence = row.last_sequence_sent ?? event.sequence;
    await this.outbox.enqueue(tx, this.compose(event, row, kind, sequence, {}));
    this.metrics.mailQueued.inc({ kind });
  }

  /** A draft goes live: everyone already on its invitation list gets the invitation now. */
  async notifyPublished(tx: EntityManager, event: EventEntity): Promise<number> {
    return this.send(tx, event, 'invitation', null);
  }

  /** An attendee-visible change: everyone invited hears, except those who declined. */
  async notifyChanged(tx: EntityManager, event: EventEntity, changes: EventChange[] = []): Promise<number> {
    return this.send(tx, event, event.status === 'cancelled' ? 'cancellation' : 'update', null, { changes });
  }

  /**
   * Sends the invitation again to the people named, or to everyone invited who has not answered
   * (no RSVP at all). Revoked invitations and people who opted out of announcements are skipped, as
   * for any invitation; each copy takes the next SEQUENCE. The caller holds the event lock.
   */
  async resend(tx: EntityManager, event: EventEntity, userIds: string[] | 'unanswered'): Promise<number> {
    const only = userIds === 'unanswered' ? await this.management.unansweredUserIds(tx, event.id) : userIds;
    if (only.length === 0) return 0;
    return this.send(tx, event, 'invitation', only);
  }

  /** Reminder to people going, minus those who opted out of reminders; returns how many were sent. */
  async sendReminders(tx: EntityManager, event: EventEntity, offsetHours: number): Promise<number> {
    const going = await this.repository.goingUserIds(tx, event.id);
    if (going.length === 0) return 0;
    return this.send(tx, event, 'reminder', going, { lead: offsetHours <= 1 ? '1h' : '24h' });
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

  private async send(
    tx: EntityManager,
    event: EventEntity,
    kind: InvitationMailKind,
    only: string[] | null,
    options: SendOptions = {},
  ): Promise<number> {
    const rows = await this.repository.recipients(tx, event, kind, only);
    const mails: OutgoingMail[] = [];
    const sent: Array<{ id: string; sequence: number }> = [];
    for (const row of rows) {
      if (row.membership_status === 'banned') continue;
      // Updates skip people who said no; cancellations and personal notices reach everyone addressed.
      if (kind === 'update' && row.rsvp_status === 'declined') continue;
      // Each recipient's copy only moves forward: a personal REQUEST (say, the promotion that reveals
      // the venue) may have taken them past the event's own SEQUENCE. A reminder carries no calendar
      // part, so their copy stays where it is.
      const sequence =
        row.last_sequence_sent === null
          ? event.sequence
          : Math.max(event.sequence, row.last_sequence_sent + 1);
      mails.push(this.compose(event, row, kind, sequence, options));
      sent.push({ id: row.invitation_id, sequence });
    }
    await this.outbox.enqueue(tx, ...mails);
    // Counted as queued inside the caller's transaction: a rare rollback after this overcounts.
    if (mails.length > 0) this.metrics.mailQueued.inc({ kind }, mails.length);
    if (sent.length > 0) await this.repository.markSent(tx, sent, kind);
    return sent.length;
  }

  private compose(
    event: EventEntity,
    row: RecipientRow,
    kind: InvitationMailKind,
    sequence: number,
    options: SendOptions,
  ): OutgoingMail {
    const base = this.env.publicBaseUrl;
    const secret = this.env.signingSecret;
    const group = decideGroupAccess(
      row.group_visibility,
      row.role && row.membership_status ? { role: row.role, status: row.membership_status } : null,
    );
    const view = decideEventView(event, group, row.rsvp_status, true);
    const ended = kind === 'cancellation' || kind === 'removed';
    const data = calendarEventData(event, view.canSeeLocation && !ended, base);
    const exp = Math.floor(Date.now() / 1000) + LINK_TTL_S;
    const rsvpToken = signRsvpLink(row.user_id, event.id, secret, new Date());
    const link = (answer: RsvpLinkAnswer) => rsvpLinkUrl(base, rsvpToken, answer);
    const common = {
      locale: row.locale,
      timeZone: row.timezone,
      recipientName: row.display_name,
      groupName: row.group_name,
      event: data,
      rsvpLinks: ended ? null : { going: link('going'), maybe: link('maybe'), cantGo: link('declined') },
    };
    const rendered =
      kind === 'update'
        ? renderInvitationMail({ ...common, kind, changes: options.changes ?? [] })
        : kind === 'reminder'
          ? renderInvitationMail({ ...common, kind, lead: options.lead ?? '24h' })
          : renderInvitationMail({ ...common, kind });
    const organizer = {
      name: row.group_name,
      email: replyAddress(row.invitation_id, secret, this.env.INBOUND_DOMAIN),
    };
    const attendee = { name: row.display_name, email: row.email, partstat: partstatForRsvp(row.rsvp_status) };
    const ics = {
      uid: event.calendarUid,
      sequence,
      dtstamp: new Date(),
      event: data,
      organizer,
      attendee,
      locale: row.locale,
    };
    const calendar =
      kind === 'reminder'
        ? undefined
        : ended
          ? invitationCalendarPart({
              ...ics,
              method: ITIP_METHOD.CANCEL,
              cancels: kind === 'removed' ? 'attendee' : 'event',
            })
          : invitationCalendarPart({ ...ics, method: ITIP_METHOD.REQUEST });
    const headers: Record<string, string> = { 'Reply-To': organizer.email };
    const category = OPT_OUT[kind];
    // RFC 8058 one-click unsubscribe needs an https endpoint that takes a POST; plain-http dev setups get none.
    if (category && isNonEssentialMail(kind) && base.startsWith('https://')) {
      const token = signToken(
        { purpose: UNSUBSCRIBE_PURPOSE, sub: row.user_id, category, exp: exp + LINK_TTL_S },
        secret,
      );
      Object.assign(headers, listUnsubscribeHeaders(`${base}/api/unsubscribe/${token}`));
    }
    return {
      purpose: `event_${kind}`,
      to: row.email,
      userId: row.user_id,
      eventId: event.id,
      // Per person and event, messages leave in the order queued, which is SEQUENCE order (DESIGN §2).
      orderingKey: `event:${event.id}:user:${row.user_id}`,
      ...rendered,
      headers,
      calendar,
    };
  }
}
