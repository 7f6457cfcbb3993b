import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { Audience } from './audience';

/*
 * The audience read model: who an Audience names, from community's tables (topics, posts,
 * topic_followers, memberships) on purpose — listed in scripts/table-ownership.ts — because a fan-out
 * to 100,000 members expands it in the database, batch by batch, not through another lib per person.
 */

/**
 * The SQL that lists the audience's candidates as one column `user_id` (distinct, any order) for the
 * group `$<groupParam>`; parameters are appended to `params` (so callers can place it inside their own
 * statement). Member parts count active members only; named people are taken as named. Banned
 * members are filtered here too — unless `withBanned`, which the preview uses to count who the ban
 * keeps out. Used both to expand a fan-out job and to preview its counts, so the two always agree.
 */
export function audienceCandidatesSql(
  audience: Audience,
  groupParam: number,
  params: unknown[],
  options: { withBanned?: boolean } = {},
): string {
  const parts: string[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const g = `$${groupParam}`;
  const counted = options.withBanned ? `IN ('active', 'banned')` : `= 'active'`;
  if (audience.topicId) {
    const t = add(audience.topicId);
    parts.push(`SELECT p.user_id FROM (
        SELECT author_id AS user_id FROM topics WHERE id = ${t}::uuid AND group_id = ${g} AND author_id IS NOT NULL
        UNION SELECT author_id FROM posts WHERE topic_id = ${t}::uuid AND hidden_at IS NULL AND author_id IS NOT NULL
        UNION SELECT user_id FROM topic_followers WHERE topic_id = ${t}::uuid) p
      JOIN memberships m ON m.group_id = ${g} AND m.user_id = p.user_id AND m.status ${counted}`);
  }
  if (audience.allMembers) {
    parts.push(`SELECT user_id FROM memberships WHERE group_id = ${g} AND status ${counted}`);
  } else if ((audience.roles ?? []).length > 0) {
    const r = add(audience.roles);
    parts.push(
      `SELECT user_id FROM memberships WHERE group_id = ${g} AND status ${counted} AND role = ANY(${r}::text[])`,
    );
  }
  if ((audience.userIds ?? []).length > 0) {
    const u = add(audience.userIds);
    const unbanned = options.withBanned
      ? ''
      : `WHERE NOT EXISTS (SELECT 1 FROM memberships b WHERE b.group_id = ${g} AND b.user_id = n.user_id AND b.status = 'banned')`;
    parts.push(`SELECT n.user_id FROM unnest(${u}::uuid[]) AS n(user_id) ${unbanned}`);
  }
  if (parts.length === 0) return `SELECT NULL::uuid AS user_id WHERE false`;
  return parts.join('\nUNION\n');
}

/**
 * What an audience would do to an event (or a new one): each candidate counted once, in one column.
 * Opt-outs are counted for active members of the group only: for anyone else (a named guest) the
 * answer would tell whether the address has an account — so guests count as toInvite.
 */
export interface AudienceCounts {
  toInvite: number;
  alreadyInvited: number;
  optedOut: number;
  banned: number;
}

@Injectable()
export class AudienceRepository {
  /** Every person the audience names for the group (banned members left out), sorted, in one statement. */
  async candidates(tx: EntityManager, groupId: string, audience: Audience): Promise<string[]> {
    const params: unknown[] = [groupId];
    const sql = audienceCandidatesSql(audience, 1, params);
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `SELECT user_id FROM (${sql}) c ORDER BY user_id`,
      params,
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * The preview, one statement over the same candidates the fan-out expands (with the banned, to
   * count them): banned; already invited to the event (`eventId` null for a new one); newly invited
   * but not written to (opted out of announcements); newly invited and written to.
   */
  async counts(
    tx: EntityManager,
    groupId: string,
    eventId: string | null,
    audience: Audience,
  ): Promise<AudienceCounts> {
    const params: unknown[] = [groupId, eventId];
    const candidates = audienceCandidatesSql(audience, 1, params, { withBanned: true });
    const [row] = await queryRows<AudienceCounts>(
      tx,
      `WITH c AS (${candidates}),
       x AS (
         SELECT b.user_id IS NOT NULL AS banned, i.user_id IS NOT NULL AS invited,
                o.user_id IS NOT NULL AND m.user_id IS NOT NULL AS opted
           FROM c
           LEFT JOIN memberships b ON b.group_id = $1 AND b.user_id = c.user_id AND b.status = 'banned'
           LEFT JOIN memberships m ON m.group_id = $1 AND m.user_id = c.user_id AND m.status = 'active'
           LEFT JOIN invitations i ON i.event_id = $2::uuid AND i.user_id = c.user_id
           LEFT JOIN mail_opt_outs o ON o.user_id = c.user_id AND o.category = 'announcements')
       SELECT count(*) FILTER (WHERE NOT banned AND NOT invited AND NOT opted)::int AS "toInvite",
              count(*) FILTER (WHERE NOT banned AND invited)::int AS "alreadyInvited",
              count(*) FILTER (WHERE NOT banned AND NOT invited AND opted)::int AS "optedOut",
              count(*) FILTER (WHERE banned)::int AS banned
         FROM x`,
      params,
    );
    return row;
  }

  /** Which of `userIds` are members of the group (active, or banned: the group knows them either way). */
  async members(tx: EntityManager, groupId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `SELECT user_id FROM memberships
        WHERE group_id = $1 AND user_id = ANY($2::uuid[]) AND status IN ('active', 'banned')`,
      [groupId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
