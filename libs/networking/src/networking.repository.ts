import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { type Intent, NetworkingRoomsRepository, type ReportRow } from './networking-rooms.repository';

export type {
  Intent,
  NetworkingSettings,
  Participant,
  ReportRow,
  RoomMember,
  Seat,
} from './networking-rooms.repository';

/**
 * The only code that reads or writes the networking_* tables: the rounds half (NetworkingRoomsRepository)
 * plus stay-in-touch intents, reports and a person's export here. Every method takes the transaction it
 * runs in; the services decide locking (the settings row serialises an event's round changes and
 * stay-in-touch answers).
 */
@Injectable()
export class NetworkingRepository extends NetworkingRoomsRepository {
  async intent(tx: EntityManager, eventId: string, from: string, to: string): Promise<Intent | null> {
    const rows = await queryRows<Intent>(
      tx,
      `SELECT from_user_id AS "fromUserId", to_user_id AS "toUserId", contact, message, mutual_at AS "mutualAt"
         FROM networking_intents WHERE event_id = $1 AND from_user_id = $2 AND to_user_id = $3`,
      [eventId, from, to],
    );
    return rows[0] ?? null;
  }

  /** The caller's own intents, and those of others toward the caller only once mutual. */
  async intentsVisibleTo(tx: EntityManager, eventId: string, userId: string): Promise<Intent[]> {
    return queryRows<Intent>(
      tx,
      `SELECT from_user_id AS "fromUserId", to_user_id AS "toUserId", contact, message, mutual_at AS "mutualAt"
         FROM networking_intents
        WHERE event_id = $1 AND (from_user_id = $2 OR (to_user_id = $2 AND mutual_at IS NOT NULL))`,
      [eventId, userId],
    );
  }

  async saveIntent(tx: EntityManager, eventId: string, i: Omit<Intent, 'mutualAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO networking_intents (event_id, from_user_id, to_user_id, contact, message) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, from_user_id, to_user_id) DO UPDATE SET contact = $4, message = $5`,
      [eventId, i.fromUserId, i.toUserId, i.contact, i.message],
    );
  }

  async markMutual(tx: EntityManager, eventId: string, a: string, b: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE networking_intents SET mutual_at = $4 WHERE event_id = $1
          AND ((from_user_id = $2 AND to_user_id = $3) OR (from_user_id = $3 AND to_user_id = $2))`,
      [eventId, a, b, at],
    );
  }

  async withdrawIntent(tx: EntityManager, eventId: string, from: string, to: string): Promise<void> {
    await tx.query(
      `DELETE FROM networking_intents WHERE event_id = $1 AND from_user_id = $2 AND to_user_id = $3 AND mutual_at IS NULL`,
      [eventId, from, to],
    );
  }

  async addReport(
    tx: EntityManager,
    r: {
      eventId: string;
      reporterId: string;
      reportedId: string;
      round: number;
      roomId: string;
      reason: string;
    },
  ): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO networking_reports (event_id, reporter_id, reported_id, round, room_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [r.eventId, r.reporterId, r.reportedId, r.round, r.roomId, r.reason],
    );
    return row.id;
  }

  async reports(tx: EntityManager, eventId: string): Promise<ReportRow[]> {
    return queryRows<ReportRow>(
      tx,
      `SELECT id, reporter_id AS "reporterId", reported_id AS "reportedId", round, room_id AS "roomId", reason, status,
              created_at AS "createdAt"
         FROM networking_reports WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
  }

  /** Reports filed from the rooms of a group's events, in one status, oldest first (for moderators). */
  async reportsOfGroup(
    tx: EntityManager,
    groupId: string,
    status: 'open' | 'resolved',
  ): Promise<Array<ReportRow & { eventId: string; eventTitle: string }>> {
    // Reads the events table only to find the group's events and their titles (a named read of events).
    return queryRows(
      tx,
      `SELECT r.id, r.event_id AS "eventId", e.title AS "eventTitle", r.reporter_id AS "reporterId",
              r.reported_id AS "reportedId", r.round, r.room_id AS "roomId", r.reason, r.status, r.created_at AS "createdAt"
         FROM networking_reports r JOIN events e ON e.id = r.event_id
        WHERE e.group_id = $1 AND r.status = $2 ORDER BY r.created_at, r.id`,
      [groupId, status],
    );
  }

  /** Marks a report of the group resolved; false when there is no such report in the group. */
  async resolveReport(tx: EntityManager, groupId: string, reportId: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      `UPDATE networking_reports r SET status = 'resolved' FROM events e
        WHERE r.id = $2 AND e.id = r.event_id AND e.group_id = $1 RETURNING r.id`,
      [groupId, reportId],
    );
    return rows.length > 0;
  }

  /**
   * A person's own networking data for their account export: their participation, blocks they made,
   * rooms they sat in, their own stay-in-touch intents (never others' one-sided ones about them), and
   * the reports they filed.
   */
  async exportFor(tx: EntityManager, userId: string): Promise<Record<string, unknown>> {
    const [row] = await queryRows<{ doc: Record<string, unknown> }>(
      tx,
      `SELECT jsonb_build_object(
         'participations', (SELECT coalesce(jsonb_agg(to_jsonb(p) - 'user_id' ORDER BY p.created_at), '[]')
                              FROM networking_participants p WHERE p.user_id = $1),
         'blocks', (SELECT coalesce(jsonb_agg(to_jsonb(b) - 'blocker_id' ORDER BY b.created_at), '[]')
                      FROM networking_blocks b WHERE b.blocker_id = $1),
         'rooms', (SELECT coalesce(jsonb_agg(jsonb_build_object('event_id', a.event_id, 'round', a.round,
                                                                'left_at', a.left_at) ORDER BY a.event_id, a.round), '[]')
                     FROM networking_assignments a WHERE a.user_id = $1),
         'stayInTouch', (SELECT coalesce(jsonb_agg(jsonb_build_object('event_id', i.event_id, 'contact', i.contact,
                                                                      'message', i.message, 'mutual', i.mutual_at IS NOT NULL,
                                                                      'created_at', i.created_at) ORDER BY i.created_at), '[]')
                           FROM networking_intents i WHERE i.from_user_id = $1),
         'reportsFiled', (SELECT coalesce(jsonb_agg(jsonb_build_object('event_id', r.event_id, 'round', r.round,
                                                                       'reason', r.reason, 'status', r.status,
                                                                       'created_at', r.created_at) ORDER BY r.created_at), '[]')
                            FROM networking_reports r WHERE r.reporter_id = $1)
       ) AS doc`,
      [userId],
    );
    return row.doc;
  }
}
