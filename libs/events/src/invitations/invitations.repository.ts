import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InvitationMailKind } from '@app/notifications';
import { GroupRole, GroupVisibility, MembershipStatus } from '@app/community';
import { queryRows } from '@app/core';
import { insertDeferredSql } from '@app/mail';
import { ViewerRsvpStatus } from '../access/event-visibility';

/*
 * The invitations table, and the invitation audience read model: who an event's mail goes to and
 * what each copy needs, in one statement per send. It reads users (address, name, locale), groups and
 * memberships (what the person may see), mail_opt_outs and the person's RSVP status on purpose — a
 * shared read model listed in scripts/table-ownership.ts and README "Data ownership" — because a
 * fan-out of 10,000 invitations cannot ask four libs per recipient. It writes only invitations.
 */

export interface RecipientRow {
  invitation_id: string;
  last_sequence_sent: number | null;
  /** The event SEQUENCE whose content the person's last copy carried (absent from a notice's row). */
  event_sequence_sent?: number | null;
  user_id: string;
  email: string;
  display_name: string;
  locale: string;
  timezone: string | null;
  role: GroupRole | null;
  membership_status: MembershipStatus | null;
  rsvp_status: ViewerRsvpStatus;
  group_name: string;
  group_visibility: GroupVisibility;
}

/** Which opt-out category silences a kind of mail; essential mail has none. */
export const OPT_OUT: Partial<Record<InvitationMailKind, string>> = {
  invitation: 'announcements',
  reminder: 'reminders',
};

/*
 * One recipient: banned members and people who opted out of this kind of mail are invited but not
 * written to (their copy's SEQUENCE does not move); a revoked invitation stays revoked and silent.
 * Each copy's SEQUENCE only moves forward: max(event's, last sent + 1), as in send(). The first copy a
 * person gets is what their calendar holds, so it sets content_sequence whatever its kind.
 * Parameters: $1 event, $2 user, $3 group, $4 opt-out category, $5 event SEQUENCE, $6 content kind.
 */
const notifyTarget = (gate: string): string => `
  target AS (
    SELECT u.id AS user_id, u.email,
           (m.status IS DISTINCT FROM 'banned' AND ($4::text IS NULL OR NOT EXISTS (
              SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.category = $4))) AS reachable
      FROM users u LEFT JOIN memberships m ON m.group_id = $3 AND m.user_id = u.id
     WHERE u.id = $2${gate}),
  invitation AS (
    INSERT INTO invitations AS i (event_id, user_id, last_sequence_sent, last_sent_at, content_sequence,
                                  event_sequence_sent)
    SELECT $1, t.user_id, CASE WHEN t.reachable THEN $5::int END, CASE WHEN t.reachable THEN now() END,
           CASE WHEN t.reachable THEN $5::int END, CASE WHEN t.reachable THEN $5::int END
      FROM target t
    ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO UPDATE SET
      last_sequence_sent = greatest(EXCLUDED.last_sequence_sent,
                                    coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent)),
      last_sent_at = EXCLUDED.last_sent_at,
      event_sequence_sent = EXCLUDED.event_sequence_sent,
      content_sequence = CASE WHEN $6::boolean OR i.content_sequence IS NULL
                              THEN greatest(EXCLUDED.last_sequence_sent,
                                            coalesce(i.last_sequence_sent + 1, EXCLUDED.last_sequence_sent))
                              ELSE i.content_sequence END
     WHERE i.revoked_at IS NULL AND EXCLUDED.last_sequence_sent IS NOT NULL
    RETURNING i.id, i.last_sequence_sent)`;

/**
 * notifyTarget, then the message queued as an intent (mail's insertDeferredSql): kind, invitation,
 * the copy's SEQUENCE and the person's RSVP status ($11; read here when null — a caller that writes
 * the RSVP in the same statement gives it, since this part cannot see that change). The worker
 * composes it after commit (DeferredNoticesService): nothing is rendered under the event lock. $7 the
 * outbox row id, $8 its purpose, $9 its Message-ID, $10 the kind.
 */
const noticeCtesGated = (gate: string): string => `${notifyTarget(gate)},
  queued AS (
    ${insertDeferredSql(`
      SELECT $7::uuid, $8::text, t.user_id, t.email, $1::uuid, 'event:' || $1::uuid || ':user:' || $2::uuid, $9::text,
             jsonb_build_object('kind', $10::text, 'invitationId', inv.id, 'sequence', inv.last_sequence_sent,
                                'answer', coalesce($11::text, (SELECT r.status FROM rsvps r
                                                                WHERE r.event_id = $1::uuid AND r.user_id = $2::uuid)))
        FROM invitation inv JOIN target t ON t.reachable`)}
    RETURNING id)`;

/** One person's notice, alone: the queued row's id when one was queued. */
export const NOTIFY_DEFERRED = `WITH ${noticeCtesGated('')} SELECT id FROM queued`;

/**
 * NOTIFY_DEFERRED's CTEs (target, invitation, queued) with their parameters numbered after `offset`,
 * for the RSVP write to queue its notice in its own statement (RsvpRepository, with noticeParams'
 * values): one round trip for the change and the mail it causes; `gate`, a condition on the caller's
 * CTEs (no parameters) that all of it waits for. Exported for bench/rsvp's ceiling.
 */
export function noticeCtes(offset: number, gate?: string): string {
  const text = noticeCtesGated(gate ? ` AND ${gate}` : '');
  return text.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + offset}`);
}

/** The values of NOTIFY_DEFERRED's (and noticeCtes') parameters, in order. */
export function noticeParams(
  event: { id: string; groupId: string; sequence: number },
  userId: string,
  kind: InvitationMailKind,
  outbox: { id: string; messageId: string },
  answer: ViewerRsvpStatus | null,
): unknown[] {
  return [
    event.id,
    userId,
    event.groupId,
    OPT_OUT[kind] ?? null,
    event.sequence,
    CONTENT_KINDS.has(kind),
    outbox.id,
    `event_${kind}`,
    outbox.messageId,
    kind,
    answer,
  ];
}

/** What a deferred notice needs to be composed, as NOTIFY_DEFERRED recorded it. */
export interface NoticeIntent {
  kind: InvitationMailKind;
  invitationId: string;
  sequence: number;
  /** The person's RSVP status when the notice was queued (their calendar's PARTSTAT). */
  answer: ViewerRsvpStatus;
}

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
  timezone: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  eventTimezone: string;
}

@Injectable()
export class InvitationsRepository {
  /** Creates the missing invitations, by user id (see FanoutRepository.expandInvitations); returns the people newly invited. */
  async insertMissing(
    tx: EntityManager,
    eventId: string,
    userIds: string[],
    invitedBy: string | null = null,
  ): Promise<string[]> {
    const created = await queryRows<{ user_id: string }>(
      tx,
      `INSERT INTO invitations (event_id, user_id, invited_by)
       SELECT $1, u, $3::uuid FROM unnest($2::uuid[]) AS u ORDER BY u
       ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO NOTHING
       RETURNING user_id`,
      [eventId, userIds, invitedBy],
    );
    return created.map((r) => r.user_id);
  }

  /**
   * NOTIFY_DEFERRED: numbers one person's next copy and queues the message about it as an intent;
   * whether one was queued (not for a revoked invitation, a banned member or an opt-out).
   */
  async queueOneCopy(
    tx: EntityManager,
    event: { id: string; groupId: string; sequence: number },
    userId: string,
    kind: InvitationMailKind,
    outbox: { id: string; messageId: string },
    answer: ViewerRsvpStatus | null = null,
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      NOTIFY_DEFERRED,
      noticeParams(event, userId, kind, outbox, answer),
    );
    return rows.length > 0;
  }

  /**
   * The people deferred notices go to, by invitation id, as they are now (address, language, zone,
   * membership, RSVP status): a notice is composed from the state at send time. Revoked invitations
   * are included (a 'removed' notice goes to one); the caller decides.
   */
  async noticeRecipients(
    tx: EntityManager,
    invitationIds: string[],
  ): Promise<Array<RecipientRow & { event_id: string; revoked: boolean }>> {
    return queryRows(
      tx,
      `SELECT i.id AS invitation_id, i.event_id, i.revoked_at IS NOT NULL AS revoked, i.last_sequence_sent,
              u.id AS user_id, u.email, u.display_name, u.locale, u.timezone,
              m.role, m.status AS membership_status, r.status AS rsvp_status,
              g.name AS group_name, g.visibility AS group_visibility
         FROM invitations i
         JOIN events e ON e.id = i.event_id
         JOIN groups g ON g.id = e.group_id
         JOIN users u ON u.id = i.user_id
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = u.id
         LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = u.id
        WHERE i.id = ANY($1::uuid[])`,
      [invitationIds],
    );
  }

  /**
   * Everyone still invited (or only the people named), with what each message needs, by user id; their
   * invitation rows locked for the caller's transaction, so a concurrent RSVP notice numbers its copy
   * before or after this one, never beside it.
   */
  async recipients(
    tx: EntityManager,
    event: { id: string; groupId: string },
    kind: InvitationMailKind,
    only: string[] | null,
  ): Promise<RecipientRow[]> {
    return queryRows<RecipientRow>(
      tx,
      `SELECT i.id AS invitation_id, i.last_sequence_sent, i.event_sequence_sent, u.id AS user_id, u.email, u.display_name, u.locale, u.timezone,
              m.role, m.status AS membership_status, r.status AS rsvp_status,
              g.name AS group_name, g.visibility AS group_visibility
         FROM invitations i
         JOIN users u ON u.id = i.user_id
         JOIN groups g ON g.id = $2
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = u.id
         LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = u.id
        WHERE i.event_id = $1 AND i.revoked_at IS NULL AND ($3::uuid[] IS NULL OR i.user_id = ANY($3::uuid[]))
          AND ($4::text IS NULL OR NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.category = $4))
        ORDER BY i.user_id
          FOR UPDATE OF i`,
      [event.id, event.groupId, only, OPT_OUT[kind] ?? null],
    );
  }

  /**
   * Records the copies just queued, rendered from the event at `eventSequence` (a reminder carries no
   * calendar part, so its copy does not move).
   */
  async markSent(
    tx: EntityManager,
    sent: Array<{ id: string; sequence: number }>,
    kind: InvitationMailKind,
    eventSequence: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE invitations i SET last_sent_at = now(),
                last_sequence_sent = CASE WHEN $3::boolean THEN s.seq ELSE i.last_sequence_sent END,
                event_sequence_sent = CASE WHEN $3::boolean THEN $5::int ELSE i.event_sequence_sent END,
                content_sequence = CASE WHEN $3::boolean AND ($4::boolean OR i.content_sequence IS NULL)
                                        THEN s.seq ELSE i.content_sequence END
           FROM unnest($1::uuid[], $2::int[]) AS s(id, seq) WHERE i.id = s.id`,
      [
        sent.map((x) => x.id),
        sent.map((x) => x.sequence),
        kind !== 'reminder',
        CONTENT_KINDS.has(kind),
        eventSequence,
      ],
    );
  }

  /**
   * How many of the people named (or everyone invited) a fan-out of this kind would write to: not
   * revoked, not banned, not opted out of its category. The job's total; the job itself is exact.
   */
  async countReachable(
    tx: EntityManager,
    event: { id: string; groupId: string },
    kind: InvitationMailKind,
    only: string[] | null,
  ): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM invitations i
        WHERE i.event_id = $1 AND i.revoked_at IS NULL AND ($3::uuid[] IS NULL OR i.user_id = ANY($3::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = $2 AND m.user_id = i.user_id
                             AND m.status = 'banned')
          AND ($4::text IS NULL OR NOT EXISTS (SELECT 1 FROM mail_opt_outs o
                                               WHERE o.user_id = i.user_id AND o.category = $4))`,
      [event.id, event.groupId, only, OPT_OUT[kind] ?? null],
    );
    return row?.n ?? 0;
  }

  /** The people going to the event (reminders go to them). */
  async goingUserIds(tx: EntityManager, eventId: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `SELECT user_id FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [eventId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Whether this person holds an invitation to the event that was not withdrawn. */
  async isInvited(tx: EntityManager, eventId: string, userId: string): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(
      tx,
      `SELECT 1 AS one FROM invitations WHERE event_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [eventId, userId],
    );
    return rows.length > 0;
  }

  /** Whether invitations went out, or are going out (an invitation fan-out job is under way). */
  async anySent(tx: EntityManager, eventId: string): Promise<boolean> {
    const [row] = await queryRows<{ sent: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM invitations
                       WHERE event_id = $1 AND revoked_at IS NULL AND last_sequence_sent IS NOT NULL)
              OR EXISTS (SELECT 1 FROM fanout_jobs
                          WHERE event_id = $1 AND kind = 'invitation' AND status IN ('queued', 'running')) AS sent`,
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
      timezone: string | null;
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
}
