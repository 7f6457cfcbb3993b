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
 * members are filtered here too. Used both to expand a fan-out job and to preview its counts, so the
 * two always agree.
 */
export function audienceCandidatesSql(audience: Audience, groupParam: number, params: unknown[]): string {
  const parts: string[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const g = `$${groupParam}`;
  if (audience.topicId) {
    const t = add(audience.topicId);
    parts.push(`SELECT p.user_id FROM (
        SELECT author_id AS user_id FROM topics WHERE id = ${t}::uuid AND group_id = ${g} AND author_id IS NOT NULL
        UNION SELECT author_id FROM posts WHERE topic_id = ${t}::uuid AND hidden_at IS NULL AND author_id IS NOT NULL
        UNION SELECT user_id FROM topic_followers WHERE topic_id = ${t}::uuid) p
      JOIN memberships m ON m.group_id = ${g} AND m.user_id = p.user_id AND m.status = 'active'`);
  }
  if (audience.allMembers) {
    parts.push(`SELECT user_id FROM memberships WHERE group_id = ${g} AND status = 'active'`);
  } else if ((audience.roles ?? []).length > 0) {
    const r = add(audience.roles);
    parts.push(
      `SELECT user_id FROM memberships WHERE group_id = ${g} AND status = 'active' AND role = ANY(${r}::text[])`,
    );
  }
  if ((audience.userIds ?? []).length > 0) {
    const u = add(audience.userIds);
    parts.push(`SELECT n.user_id FROM unnest(${u}::uuid[]) AS n(user_id)
       WHERE NOT EXISTS (SELECT 1 FROM memberships b WHERE b.group_id = ${g} AND b.user_id = n.user_id AND b.status = 'banned')`);
  }
  if (parts.length === 0) return `SELECT NULL::uuid AS user_id WHERE false`;
  return parts.join('\nUNION\n');
}
