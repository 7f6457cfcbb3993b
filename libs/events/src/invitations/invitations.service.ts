import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GroupRole, GroupVisibility, MembershipStatus, decideGroupAccess } from '@app/community';
import { Env, queryRows, signToken } from '@app/core';
import { OutboxService } from '@app/mail';
import { ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventEntity } from '../events/event.entity';
import { InvitationMailKind, renderInvitationNotice } from './invitation-mail';
import { replyAddress } from './reply-token';

export const RSVP_LINK_PURPOSE = 'rsvp-link';
const LINK_TTL_S = 90 * 24 * 3600;

interface RecipientRow {
  invitation_id: string;
  user_id: string;
  email: string;
  display_name: string;
  locale: string;
  timezone: string;
  role: GroupRole | null;
  membership_status: MembershipStatus | null;
  rsvp_status: ViewerRsvpStatus;
  group_name: string;
  group_visibility: GroupVisibility;
}

/**
 * Every message about an event to a person goes through here, one per recipient, inside the
 * transaction of the change that causes it: invitations when a follow-up is scheduled, updates when
 * it changes, cancellations, and the notices that follow an RSVP (waitlisted, confirmed, removed).
 * What each recipient sees of the venue is decided per recipient by decideEventView.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Env) private readonly env: Env,
  ) {}

  /** Invites people (idempotent: someone already invited is not invited twice). */
  async invite(tx: EntityManager, event: EventEntity, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const created = await queryRows<{ user_id: string }>(
      tx,
      `INSERT INTO invitations (event_id, user_id)
       SELECT $1, u FROM unnest($2::uuid[]) AS u
       ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO NOTHING
       RETURNING user_id`,
      [event.id, userIds],
    );
    if (event.status === 'scheduled' && created.length > 0) {
      await this.send(
        tx,
        event,
        'invite',
        created.map((r) => r.user_id),
      );
    }
    return created.length;
  }

  /** Tells one person about their own RSVP change; they get an invitation if they had none. */
  async notifyAttendee(
    tx: EntityManager,
    event: EventEntity,
    userId: string,
    kind: InvitationMailKind,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO invitations (event_id, user_id) VALUES ($1, $2)
       ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO NOTHING`,
      [event.id, userId],
    );
    await this.send(tx, event, kind, [userId]);
  }

  /** An attendee-visible change: everyone invited hears, except those who declined. */
  async notifyChanged(tx: EntityManager, event: EventEntity): Promise<number> {
    return this.send(tx, event, event.status === 'cancelled' ? 'cancel' : 'update', null);
  }

  /** Reminder to people going, minus those who opted out of reminders; returns how many were sent. */
  async sendReminders(tx: EntityManager, event: EventEntity, offsetHours: number): Promise<number> {
    const going = await queryRows<{ user_id: string }>(
      tx,
      `SELECT r.user_id FROM rsvps r
        WHERE r.event_id = $1 AND r.status = 'going'
          AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = r.user_id AND o.category = 'reminders')`,
      [event.id],
    );
    if (going.length === 0) return 0;
    void offsetHours;
    return this.send(
      tx,
      event,
      'reminder',
      going.map((g) => g.user_id),
    );
  }

  /** How many calendars an update to this event would reach (for the organizer's preview). */
  async countUpdateRecipients(tx: EntityManager, eventId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM invitations i
         LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = i.user_id
        WHERE i.event_id = $1 AND i.revoked_at IS NULL AND r.status IS DISTINCT FROM 'declined'`,
      [eventId],
    );
    return row?.n ?? 0;
  }

  private async send(
    tx: EntityManager,
    event: EventEntity,
    kind: InvitationMailKind,
    only: string[] | null,
  ): Promise<number> {
    const rows = await queryRows<RecipientRow>(
      tx,
      `SELECT i.id AS invitation_id, u.id AS user_id, u.email, u.display_name, u.locale, u.timezone,
              m.role, m.status AS membership_status, r.status AS rsvp_status,
              g.name AS group_name, g.visibility AS group_visibility
         FROM invitations i
         JOIN users u ON u.id = i.user_id
         JOIN groups g ON g.id = $2
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = u.id
         LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = u.id
        WHERE i.event_id = $1 AND i.revoked_at IS NULL AND ($3::uuid[] IS NULL OR i.user_id = ANY($3::uuid[]))
        ORDER BY i.created_at, i.id`,
      [event.id, event.groupId, only],
    );
    const base = this.env.publicBaseUrl;
    const mails = [];
    const sentTo: string[] = [];
    for (const row of rows) {
      if (row.membership_status === 'banned') continue;
      // Updates skip people who said no; cancellations and personal notices reach everyone addressed.
      if (kind === 'update' && row.rsvp_status === 'declined') continue;
      const group = decideGroupAccess(
        row.group_visibility,
        row.role && row.membership_status ? { role: row.role, status: row.membership_status } : null,
      );
      const view = decideEventView(event, group, row.rsvp_status);
      const link = (answer: string) =>
        `${base}/rsvp/${signToken(
          {
            purpose: RSVP_LINK_PURPOSE,
            sub: row.user_id,
            event: event.id,
            exp: Math.floor(Date.now() / 1000) + LINK_TTL_S,
          },
          this.env.signingSecret,
        )}?answer=${answer}`;
      const rendered = renderInvitationNotice({
        kind,
        event,
        groupName: row.group_name,
        recipient: { displayName: row.display_name, locale: row.locale, timezone: row.timezone },
        location:
          view.canSeeLocation && kind !== 'cancel' && kind !== 'removed'
            ? { venueName: event.venueName, venueAddress: event.venueAddress, joinUrl: event.joinUrl }
            : null,
        links: {
          event: `${base}/events/${event.id}`,
          going: link('going'),
          maybe: link('maybe'),
          decline: link('declined'),
        },
      });
      mails.push({
        purpose: `event_${kind}`,
        to: row.email,
        userId: row.user_id,
        ...rendered,
        headers: {
          'Reply-To': replyAddress(row.invitation_id, this.env.signingSecret, this.env.INBOUND_DOMAIN),
        },
      });
      sentTo.push(row.invitation_id);
    }
    await this.outbox.enqueue(tx, ...mails);
    if (sentTo.length > 0) {
      await tx.query(
        `UPDATE invitations SET last_sequence_sent = $2, last_sent_at = now() WHERE id = ANY($1::uuid[])`,
        [sentTo, event.sequence],
      );
    }
    return sentTo.length;
  }
}
