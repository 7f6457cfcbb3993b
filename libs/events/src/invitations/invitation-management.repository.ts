import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KeysetCursor, cursorAtSql, queryRows } from '@app/core';

/*
 * The invitation list read model: an event's invitations with each person's state, for organizers.
 * It reads users (names of the invited and the inviter), rsvps (answered), mail_opt_outs (opted out)
 * and outbox_messages (bounced: the person's last message about the event failed for good) on
 * purpose — listed in scripts/table-ownership.ts and README "Data ownership" — so one statement
 * computes a page or the counts of 100,000 invitations. It writes only invitations.
 */

export const INVITATION_STATES = ['invited', 'answered', 'bounced', 'revoked', 'opted_out'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface InvitationListRow {
  invitation_id: string;
  user_id: string;
  display_name: string;
  state: InvitationState;
  rsvp_status: string | null;
  invited_by: string | null;
  invited_by_name: string | null;
  created_at: Date;
  last_sent_at: Date | null;
  revoked_at: Date | null;
  cursor_at: string;
}

/*
 * One row per invitation with its state, first match wins: revoked; answered (an RSVP exists);
 * bounced (the last outbox message about the event to them failed for good); opted out (a member of
 * the group never mailed because they opted out of announcements — for a guest, an instance-wide
 * preference of someone who is not the group's is not the organizer's to know: they show as invited);
 * otherwise invited (mailed, or waiting for the event to go live).
 */
const LIST = `
  SELECT i.id AS invitation_id, i.user_id, u.display_name, r.status AS rsvp_status,
         i.invited_by, inviter.display_name AS invited_by_name,
         i.created_at, i.last_sent_at, i.revoked_at, ${cursorAtSql('i.created_at')} AS cursor_at,
         CASE WHEN i.revoked_at IS NOT NULL THEN 'revoked'
              WHEN r.status IS NOT NULL THEN 'answered'
              WHEN (SELECT o.status FROM outbox_messages o
                     WHERE o.event_id = i.event_id AND o.user_id = i.user_id
                     ORDER BY o.queue_position DESC LIMIT 1) = 'failed' THEN 'bounced'
              WHEN i.last_sequence_sent IS NULL AND m.user_id IS NOT NULL AND EXISTS (
                     SELECT 1 FROM mail_opt_outs x WHERE x.user_id = i.user_id AND x.category = 'announcements')
                THEN 'opted_out'
              ELSE 'invited' END AS state
    FROM invitations i
    JOIN users u ON u.id = i.user_id
    LEFT JOIN users inviter ON inviter.id = i.invited_by
    LEFT JOIN rsvps r ON r.event_id = i.event_id AND r.user_id = i.user_id
    LEFT JOIN memberships m ON m.user_id = i.user_id AND m.status IN ('active', 'banned')
                           AND m.group_id = (SELECT e.group_id FROM events e WHERE e.id = i.event_id)
   WHERE i.event_id = $1`;

@Injectable()
export class InvitationManagementRepository {
  /** A keyset page (invitation order), optionally of one state; `limit + 1` rows prove a next page. */
  page(
    tx: EntityManager,
    eventId: string,
    state: InvitationState | null,
    after: KeysetCursor | null,
    limit: number,
  ): Promise<InvitationListRow[]> {
    return queryRows<InvitationListRow>(
      tx,
      `SELECT * FROM (${LIST}
          AND ($3::timestamptz IS NULL OR (i.created_at, i.id) > ($3::timestamptz, $4::uuid))) l
        WHERE ($2::text IS NULL OR l.state = $2)
        ORDER BY l.created_at, l.invitation_id
        LIMIT $5`,
      [eventId, state, after?.at ?? null, after?.id ?? null, limit + 1],
    );
  }

  /** How many invitations are in each state. */
  async counts(tx: EntityManager, eventId: string): Promise<Record<InvitationState, number>> {
    const rows = await queryRows<{ state: InvitationState; n: number }>(
      tx,
      `SELECT l.state, count(*)::int AS n FROM (${LIST}) l GROUP BY l.state`,
      [eventId],
    );
    const counts = Object.fromEntries(INVITATION_STATES.map((s) => [s, 0])) as Record<
      InvitationState,
      number
    >;
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** The invitation of one person, with whether a copy ever went out to them. */
  async find(
    tx: EntityManager,
    eventId: string,
    userId: string,
  ): Promise<{ id: string; sent: boolean; revoked: boolean } | null> {
    const [row] = await queryRows<{ id: string; sent: boolean; revoked: boolean }>(
      tx,
      `SELECT id, last_sequence_sent IS NOT NULL AS sent, revoked_at IS NOT NULL AS revoked
         FROM invitations WHERE event_id = $1 AND user_id = $2 FOR UPDATE`,
      [eventId, userId],
    );
    return row ?? null;
  }

  /** People invited (not revoked) who have not answered: no RSVP at all. */
  async unansweredUserIds(tx: EntityManager, eventId: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `SELECT i.user_id FROM invitations i
        WHERE i.event_id = $1 AND i.revoked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = i.event_id AND r.user_id = i.user_id)
        ORDER BY i.created_at, i.id`,
      [eventId],
    );
    return rows.map((r) => r.user_id);
  }

  async setRevoked(tx: EntityManager, invitationId: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE invitations SET revoked_at = $2 WHERE id = $1`, [invitationId, at]);
  }
}
