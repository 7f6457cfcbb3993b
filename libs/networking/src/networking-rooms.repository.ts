import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import type { RoundPlan, RoundState, RoundStatus } from './rounds/round-plan';

export interface NetworkingSettings extends RoundPlan, RoundState {
  eventId: string;
  /** Last change of the plan or the rounds (a move counts): live pages watch it. */
  updatedAt: Date;
  groupSize: number;
  useInterests: boolean;
  interestTags: string[];
}

export interface Participant {
  userId: string;
  shownName: string;
  usesPseudonym: boolean;
  intro: string | null;
  interests: string[];
  presentSince: Date | null;
}

export interface RoomMember {
  roomId: string;
  roomName: string;
  round: number;
  userId: string;
  leftAt: Date | null;
}

/** A participant and their room in one round (null when not seated). */
export interface Seat {
  userId: string;
  shownName: string;
  intro: string | null;
  interests: string[];
  present: boolean;
  roomId: string | null;
  roomName: string | null;
}

export interface Intent {
  fromUserId: string;
  toUserId: string;
  contact: string;
  message: string | null;
  mutualAt: Date | null;
}

export interface ReportRow {
  id: string;
  reporterId: string;
  reportedId: string;
  round: number;
  roomId: string | null;
  reason: string;
  status: string;
  createdAt: Date;
}

const SETTINGS = `event_id AS "eventId", rounds, round_minutes AS "roundMinutes", break_minutes AS "breakMinutes",
  group_size AS "groupSize", use_interests AS "useInterests", interest_tags AS "interestTags", status,
  current_round AS "currentRound", round_started_at AS "roundStartedAt", paused_elapsed_ms AS "pausedElapsedMs",
  updated_at AS "updatedAt"`;
const PARTICIPANT = `user_id AS "userId", shown_name AS "shownName", uses_pseudonym AS "usesPseudonym", intro,
  interests, present_since AS "presentSince"`;

/**
 * The rounds half of the networking repository (settings, participants, presence, blocks, rooms,
 * assignments); NetworkingRepository adds intents, reports and the export. Together they are the only
 * code that reads or writes the networking_* tables. Every method takes the transaction it
 * runs in; the services decide locking (the settings row serialises an event's round changes and
 * stay-in-touch answers).
 */
export class NetworkingRoomsRepository {
  async settings(tx: EntityManager, eventId: string, lock = false): Promise<NetworkingSettings | null> {
    const rows = await queryRows<NetworkingSettings>(
      tx,
      `SELECT ${SETTINGS} FROM networking_settings WHERE event_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  async saveSettings(
    tx: EntityManager,
    eventId: string,
    s: RoundPlan & { groupSize: number; useInterests: boolean; interestTags: string[] },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO networking_settings (event_id, rounds, round_minutes, break_minutes, group_size, use_interests, interest_tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO UPDATE SET rounds = $2, round_minutes = $3, break_minutes = $4, group_size = $5,
         use_interests = $6, interest_tags = $7, updated_at = clock_timestamp()`,
      [eventId, s.rounds, s.roundMinutes, s.breakMinutes, s.groupSize, s.useInterests, s.interestTags],
    );
  }

  async saveState(
    tx: EntityManager,
    eventId: string,
    state: {
      status: RoundStatus;
      currentRound: number;
      roundStartedAt: Date | null;
      pausedElapsedMs: number | null;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE networking_settings SET status = $2, current_round = $3, round_started_at = $4, paused_elapsed_ms = $5,
              updated_at = clock_timestamp() WHERE event_id = $1`,
      [eventId, state.status, state.currentRound, state.roundStartedAt, state.pausedElapsedMs],
    );
  }

  /** Marks the rounds changed without changing them (someone was moved): live pages refresh. */
  async touch(tx: EntityManager, eventId: string): Promise<void> {
    await tx.query(`UPDATE networking_settings SET updated_at = clock_timestamp() WHERE event_id = $1`, [
      eventId,
    ]);
  }

  async participant(tx: EntityManager, eventId: string, userId: string): Promise<Participant | null> {
    const rows = await queryRows<Participant>(
      tx,
      `SELECT ${PARTICIPANT} FROM networking_participants WHERE event_id = $1 AND user_id = $2`,
      [eventId, userId],
    );
    return rows[0] ?? null;
  }

  async saveParticipant(
    tx: EntityManager,
    eventId: string,
    p: Omit<Participant, 'presentSince'>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO networking_participants (event_id, user_id, shown_name, uses_pseudonym, intro, interests)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id, user_id) DO UPDATE SET shown_name = $3, uses_pseudonym = $4, intro = $5,
         interests = $6, updated_at = clock_timestamp()`,
      [eventId, p.userId, p.shownName, p.usesPseudonym, p.intro, p.interests],
    );
  }

  async removeParticipant(tx: EntityManager, eventId: string, userId: string): Promise<void> {
    await tx.query(`DELETE FROM networking_participants WHERE event_id = $1 AND user_id = $2`, [
      eventId,
      userId,
    ]);
  }

  async setPresence(tx: EntityManager, eventId: string, userId: string, since: Date | null): Promise<void> {
    await tx.query(
      `UPDATE networking_participants SET present_since = $3, updated_at = clock_timestamp() WHERE event_id = $1 AND user_id = $2`,
      [eventId, userId, since],
    );
  }

  /** Participants present now whose RSVP is still `going` (the only people a round seats). */
  async presentGoing(tx: EntityManager, eventId: string): Promise<Participant[]> {
    return queryRows<Participant>(
      tx,
      `SELECT p.user_id AS "userId", p.shown_name AS "shownName", p.uses_pseudonym AS "usesPseudonym", p.intro,
              p.interests, p.present_since AS "presentSince"
         FROM networking_participants p
         JOIN rsvps r ON r.event_id = p.event_id AND r.user_id = p.user_id AND r.status = 'going'
        WHERE p.event_id = $1 AND p.present_since IS NOT NULL
        ORDER BY p.user_id`,
      [eventId],
    );
  }

  async participantCounts(tx: EntityManager, eventId: string): Promise<{ optedIn: number; present: number }> {
    const [row] = await queryRows<{ optedIn: number; present: number }>(
      tx,
      `SELECT count(*)::int AS "optedIn", count(present_since)::int AS present
         FROM networking_participants WHERE event_id = $1`,
      [eventId],
    );
    return row ?? { optedIn: 0, present: 0 };
  }

  /** Every pair who shared a room in this event (each once, lower id first). */
  async pastPairs(tx: EntityManager, eventId: string): Promise<Array<[string, string]>> {
    const rows = await queryRows<{ a: string; b: string }>(
      tx,
      `SELECT DISTINCT x.user_id AS a, y.user_id AS b
         FROM networking_assignments x JOIN networking_assignments y ON y.room_id = x.room_id AND x.user_id < y.user_id
        WHERE x.event_id = $1`,
      [eventId],
    );
    return rows.map((r) => [r.a, r.b]);
  }

  /** Blocks in the group between any two of `userIds` (either direction). */
  async blocksAmong(tx: EntityManager, groupId: string, userIds: string[]): Promise<Array<[string, string]>> {
    const rows = await queryRows<{ a: string; b: string }>(
      tx,
      `SELECT blocker_id AS a, blocked_id AS b FROM networking_blocks
        WHERE group_id = $1 AND blocker_id = ANY($2::uuid[]) AND blocked_id = ANY($2::uuid[])`,
      [groupId, userIds],
    );
    return rows.map((r) => [r.a, r.b]);
  }

  async isBlockedEitherWay(tx: EntityManager, groupId: string, a: string, b: string): Promise<boolean> {
    const rows = await queryRows<{ x: number }>(
      tx,
      `SELECT 1 AS x FROM networking_blocks WHERE group_id = $1
          AND ((blocker_id = $2 AND blocked_id = $3) OR (blocker_id = $3 AND blocked_id = $2))`,
      [groupId, a, b],
    );
    return rows.length > 0;
  }

  /** A block of a member of the group; of anyone else nothing is stored (and nothing is said). */
  async addBlock(tx: EntityManager, groupId: string, blockerId: string, blockedId: string): Promise<void> {
    await tx.query(
      `INSERT INTO networking_blocks (group_id, blocker_id, blocked_id)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM memberships WHERE group_id = $1 AND user_id = $3)
       ON CONFLICT DO NOTHING`,
      [groupId, blockerId, blockedId],
    );
  }

  async blocksBy(
    tx: EntityManager,
    groupId: string,
    blockerId: string,
  ): Promise<Array<{ userId: string; createdAt: Date }>> {
    return queryRows(
      tx,
      `SELECT blocked_id AS "userId", created_at AS "createdAt" FROM networking_blocks
        WHERE group_id = $1 AND blocker_id = $2 ORDER BY created_at`,
      [groupId, blockerId],
    );
  }

  async createRoom(tx: EntityManager, eventId: string, round: number, name: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO networking_rooms (event_id, round, name) VALUES ($1, $2, $3) RETURNING id`,
      [eventId, round, name],
    );
    return row.id;
  }

  async assign(
    tx: EntityManager,
    eventId: string,
    round: number,
    roomId: string,
    userIds: string[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO networking_assignments (event_id, round, user_id, room_id)
       SELECT $1, $2, u, $3 FROM unnest($4::uuid[]) AS u
       ON CONFLICT (event_id, round, user_id) DO UPDATE SET room_id = $3, left_at = NULL`,
      [eventId, round, roomId, userIds],
    );
  }

  async leaveRoom(
    tx: EntityManager,
    eventId: string,
    round: number,
    userId: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE networking_assignments SET left_at = $4 WHERE event_id = $1 AND round = $2 AND user_id = $3 AND left_at IS NULL`,
      [eventId, round, userId, at],
    );
  }

  /** Everyone seated in a round's rooms (including who left), room by room. */
  async roundMembers(tx: EntityManager, eventId: string, round?: number): Promise<RoomMember[]> {
    return queryRows<RoomMember>(
      tx,
      `SELECT r.id AS "roomId", r.name AS "roomName", r.round, a.user_id AS "userId", a.left_at AS "leftAt"
         FROM networking_rooms r JOIN networking_assignments a ON a.room_id = r.id
        WHERE r.event_id = $1 AND ($2::int IS NULL OR r.round = $2)
        ORDER BY r.round, r.created_at, r.id, a.user_id`,
      [eventId, round ?? null],
    );
  }

  /**
   * Every participant of the event with their seat (if any) in a round, in one query: what the live
   * hub splits into each viewer's own room when the rounds change.
   */
  async seating(tx: EntityManager, eventId: string, round: number): Promise<Seat[]> {
    return queryRows<Seat>(
      tx,
      `SELECT p.user_id AS "userId", p.shown_name AS "shownName", p.intro, p.interests,
              p.present_since IS NOT NULL AS present, r.id AS "roomId", r.name AS "roomName"
         FROM networking_participants p
         LEFT JOIN networking_assignments a
           ON a.event_id = p.event_id AND a.user_id = p.user_id AND a.round = $2 AND a.left_at IS NULL
         LEFT JOIN networking_rooms r ON r.id = a.room_id
        WHERE p.event_id = $1
        ORDER BY p.shown_name, p.user_id`,
      [eventId, round],
    );
  }

  /** The caller's room in a round and the others still in it, as they chose to appear. */
  async myRoom(
    tx: EntityManager,
    eventId: string,
    round: number,
    userId: string,
  ): Promise<{ roomId: string; roomName: string; others: Participant[] } | null> {
    const [mine] = await queryRows<{ roomId: string; roomName: string }>(
      tx,
      `SELECT r.id AS "roomId", r.name AS "roomName" FROM networking_assignments a JOIN networking_rooms r ON r.id = a.room_id
        WHERE a.event_id = $1 AND a.round = $2 AND a.user_id = $3 AND a.left_at IS NULL`,
      [eventId, round, userId],
    );
    if (!mine) return null;
    const others = await queryRows<Participant>(
      tx,
      `SELECT p.user_id AS "userId", p.shown_name AS "shownName", p.uses_pseudonym AS "usesPseudonym", p.intro,
              p.interests, p.present_since AS "presentSince"
         FROM networking_assignments a
         JOIN networking_participants p ON p.event_id = a.event_id AND p.user_id = a.user_id
        WHERE a.room_id = $1 AND a.user_id <> $2 AND a.left_at IS NULL
        ORDER BY p.shown_name, p.user_id`,
      [mine.roomId, userId],
    );
    return { ...mine, others };
  }

  async roomOfRound(
    tx: EntityManager,
    eventId: string,
    round: number,
    roomId: string,
  ): Promise<string[] | null> {
    const rooms = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM networking_rooms WHERE id = $1 AND event_id = $2 AND round = $3`,
      [roomId, eventId, round],
    );
    if (!rooms[0]) return null;
    const members = await queryRows<{ userId: string }>(
      tx,
      `SELECT user_id AS "userId" FROM networking_assignments WHERE room_id = $1 AND left_at IS NULL`,
      [roomId],
    );
    return members.map((m) => m.userId);
  }

  /** People the caller shared a room with, with the last round and room they met in. */
  async met(
    tx: EntityManager,
    eventId: string,
    userId: string,
  ): Promise<Array<{ userId: string; shownName: string; round: number; roomId: string }>> {
    return queryRows(
      tx,
      `SELECT DISTINCT ON (o.user_id) o.user_id AS "userId", coalesce(p.shown_name, '') AS "shownName",
              o.round, o.room_id AS "roomId"
         FROM networking_assignments me
         JOIN networking_assignments o ON o.room_id = me.room_id AND o.user_id <> me.user_id
         LEFT JOIN networking_participants p ON p.event_id = o.event_id AND p.user_id = o.user_id
        WHERE me.event_id = $1 AND me.user_id = $2
        ORDER BY o.user_id, o.round DESC`,
      [eventId, userId],
    );
  }
}
