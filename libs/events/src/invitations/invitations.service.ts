import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ITIP_METHOD, invitationCalendarPart, partstatForRsvp, replyAddress } from '@app/calendar';
import { GroupRole, GroupVisibility, MembershipStatus, decideGroupAccess } from '@app/community';
import { Env, MetricsService, queryRows, signToken } from '@app/core';
import { OutgoingMail, OutboxService } from '@app/mail';
import {
  EventChange,
  InvitationMailKind,
  isNonEssentialMail,
  listUnsubscribeHeaders,
  renderInvitationMail,
} from '@app/notifications';
import { ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventEntity } from '../events/event.entity';
import { calendarEventData } from '../feeds/calendar-data';
import { RsvpLinkAnswer, rsvpLinkUrl, signRsvpLink } from './rsvp-links';

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';
const LINK_TTL_S = 90 * 24 * 3600;

export type { InvitationMailKind };

interface RecipientRow {
  invitation_id: string;
  last_sequence_sent: number | null;
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

/** Which opt-out category silences a kind of mail; essential mail has none. */
const OPT_OUT: Partial<Record<InvitationMailKind, string>> = {
  invitation: 'announcements',
  reminder: 'reminders',
};

/*
 * One recipient: banned members and people who opted out of this kind of mail are invited but not
 * written to (their copy's SEQUENCE does not move); a revoked invitation stays revoked and silent.
 * Each copy's SEQUENCE only moves forward: max(event's, last sent + 1), as in send(). The first copy a
 * person gets is what their calendar holds, so it sets content_sequence whatever its kind. Exported for
 * bench/rsvp's ceiling, which runs the same statement.
 */
export const NOTIFY_ONE = `
  WITH target AS (
    SELECT u.id AS user_id, u.email, u.display_name, u.locale, u.timezone, m.role, m.status AS membership_status,
           (m.status IS DISTINCT FROM 'banned' AND ($4::text IS NULL OR NOT EXISTS (
              SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.category = $4))) AS reachable
      FROM users u LEFT JOIN memberships m ON m.group_id = $3 AND m.user_id = u.id
     WHERE u.id = $2),
  invitation AS (
    INSERT INTO invitations AS i (event_id, user_id, last_sequence_sent, last_sent_at, content_sequence)
    SELECT $1, t.user_id, CASE WHEN t.reachable THEN $5::int END, CASE WHEN t.reachable THEN now() END,
           CASE WHEN t.reachable THEN $5::int END
      FROM target t
    ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO UPDATE SET
      last_sequence_sent = greatest(EXCLUDED.last_sequence_sent,
                                    coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent)),
      last_sent_at = EXCLUDED.last_sent_at,
      content_sequence = CASE WHEN $6::boolean OR i.content_sequence IS NULL
                              THEN greatest(EXCLUDED.last_sequence_sent,
                                            coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent))
                              ELSE i.content_sequence END
     WHERE i.revoked_at IS NULL AND EXCLUDED.last_sequence_sent IS NOT NULL
    RETURNING i.id, i.last_sequence_sent)
  SELECT inv.id AS invitation_id, inv.last_sequence_sent,
         t.user_id, t.email, t.display_name, t.locale, t.timezone, t.role, t.membership_status,
         r.status AS rsvp_status, g.name AS group_name, g.visibility AS group_visibility
    FROM invitation inv
    JOIN target t ON t.reachable
    JOIN groups g ON g.id = $3
    LEFT JOIN rsvps r ON r.event_id = $1 AND r.user_id = $2`;

/**
 * Kinds whose calendar part changes what the person's copy says (or ends it). A reply from a copy
 * older than the last of these is stale; the personal notices in between (confirmed, waitlisted…) are not.
 */
const CONTENT_KINDS: ReadonlySet<InvitationMailKind> = new Set<InvitationMailKind>([
  'invitation',
  'update',
  'cancellation',
  'removed',
]);

/** What the "answer the current version" mail needs, for the one person it goes to. */
export interface StaleReplyNotice {
  userId: string;
  eventId: string;
  email: string;
  locale: string;
  timezone: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  eventTimezone: string;
}

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
        'invitation',
        created.map((r) => r.user_id),
      );
    }
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
    const [row] = await queryRows<RecipientRow>(tx, NOTIFY_ONE, [
      event.id,
      userId,
      event.groupId,
      OPT_OUT[kind] ?? null,
      event.sequence,
      CONTENT_KINDS.has(kind),
    ]);
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

  /** Reminder to people going, minus those who opted out of reminders; returns how many were sent. */
  async sendReminders(tx: EntityManager, event: EventEntity, offsetHours: number): Promise<number> {
    const going = await queryRows<{ user_id: string }>(
      tx,
      `SELECT user_id FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [event.id],
    );
    if (going.length === 0) return 0;
    return this.send(
      tx,
      event,
      'reminder',
      going.map((g) => g.user_id),
      { lead: offsetHours <= 1 ? '1h' : '24h' },
    );
  }

  /** Whether any invitation to this event has gone out (a copy was numbered for someone still invited). */
  async anySent(tx: EntityManager, eventId: string): Promise<boolean> {
    const [row] = await queryRows<{ sent: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM invitations
                       WHERE event_id = $1 AND revoked_at IS NULL AND last_sequence_sent IS NOT NULL) AS sent`,
      [eventId],
    );
    return row?.sent ?? false;
  }

  /**
   * Claims the one "your answer came from an outdated copy" notice of this invitation's current
   * version: the conditional UPDATE lets one stale reply per version through, however many arrive at
   * once, and only while the event is open and the person still invited (and not banned). Null: no
   * mail to send. The caller renders and queues it in the same transaction.
   */
  async claimStaleReplyNotice(
    tx: EntityManager,
    invitationId: string,
    now: Date,
  ): Promise<StaleReplyNotice | null> {
    const [row] = await queryRows<{
      user_id: string;
      event_id: string;
      email: string;
      locale: string;
      timezone: string;
      title: string;
      starts_at: Date;
      ends_at: Date;
      event_timezone: string;
    }>(
      tx,
      `WITH claimed AS (
         UPDATE invitations i SET stale_notice_sequence = coalesce(i.content_sequence, i.last_sequence_sent)
           FROM events e
          WHERE i.id = $1 AND e.id = i.event_id AND i.revoked_at IS NULL
            AND e.status = 'scheduled' AND e.ends_at > $2
            AND coalesce(i.content_sequence, i.last_sequence_sent) IS NOT NULL
            AND i.stale_notice_sequence IS DISTINCT FROM coalesce(i.content_sequence, i.last_sequence_sent)
            AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = e.group_id
                               AND m.user_id = i.user_id AND m.status = 'banned')
         RETURNING i.user_id, i.event_id)
       SELECT c.user_id, c.event_id, u.email, u.locale, u.timezone, e.title, e.starts_at, e.ends_at,
              e.timezone AS event_timezone
         FROM claimed c JOIN users u ON u.id = c.user_id JOIN events e ON e.id = c.event_id`,
      [invitationId, now],
    );
    if (!row) return null;
    return {
      userId: row.user_id,
      eventId: row.event_id,
      email: row.email,
      locale: row.locale,
      timezone: row.timezone,
      title: row.title,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      eventTimezone: row.event_timezone,
    };
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
    options: SendOptions = {},
  ): Promise<number> {
    const optOut = OPT_OUT[kind] ?? null;
    const rows = await queryRows<RecipientRow>(
      tx,
      `SELECT i.id AS invitation_id, i.last_sequence_sent, u.id AS user_id, u.email, u.display_name, u.locale, u.timezone,
              m.role, m.status AS membership_status, r.status AS rsvp_status,
              g.name AS group_name, g.visibility AS group_visibility
         FROM invitations i
         JOIN users u ON u.id = i.user_id
         JOIN groups g ON g.id = $2
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = u.id
         LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = u.id
        WHERE i.event_id = $1 AND i.revoked_at IS NULL AND ($3::uuid[] IS NULL OR i.user_id = ANY($3::uuid[]))
          AND ($4::text IS NULL OR NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.category = $4))
        ORDER BY i.created_at, i.id`,
      [event.id, event.groupId, only, optOut],
    );
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
    if (sent.length > 0) {
      await tx.query(
        `UPDATE invitations i SET last_sent_at = now(),
                last_sequence_sent = CASE WHEN $3::boolean THEN s.seq ELSE i.last_sequence_sent END,
                content_sequence = CASE WHEN $3::boolean AND ($4::boolean OR i.content_sequence IS NULL)
                                        THEN s.seq ELSE i.content_sequence END
           FROM unnest($1::uuid[], $2::int[]) AS s(id, seq) WHERE i.id = s.id`,
        [
          sent.map((x) => x.id),
          sent.map((x) => x.sequence),
          // A reminder carries no calendar part: the person's copy stays where it is.
          kind !== 'reminder',
          CONTENT_KINDS.has(kind),
        ],
      );
    }
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
    const view = decideEventView(event, group, row.rsvp_status);
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
