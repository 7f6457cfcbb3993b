import { randomUUID } from 'node:crypto';
import { ClientBase, Pool } from 'pg';
import { hashToken, randomToken } from '@app/core';
import { SESSION_COOKIE } from '../../apps/api/src/http/auth.guard';

type Db = Pool | ClientBase;

export interface SeededUser {
  id: string;
  email: string;
  /** The session token in the clear (the table holds only its SHA-256). */
  token: string;
  /** `hearth_session=<token>`, ready for a Cookie header. */
  cookie: string;
}

const CHUNK = 5000;

/**
 * Users with one signed-in session each, written with SQL in bulk (the sign-in flow would take
 * minutes for thousands). Tokens are known here and stored hashed exactly as SessionsService does.
 */
export async function seedUsers(
  db: Db,
  count: number,
  options: { prefix?: string; domain?: string } = {},
): Promise<SeededUser[]> {
  const prefix = options.prefix ?? 'bench-user';
  const domain = options.domain ?? 'bench.test';
  const users: SeededUser[] = Array.from({ length: count }, (_, i) => {
    const token = randomToken();
    return {
      id: randomUUID(),
      email: `${prefix}-${i}@${domain}`,
      token,
      cookie: `${SESSION_COOKIE}=${token}`,
    };
  });
  for (let i = 0; i < users.length; i += CHUNK) {
    const part = users.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO users (id, email, display_name)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
      [part.map((u) => u.id), part.map((u) => u.email), part.map((_, j) => `Bench user ${i + j}`)],
    );
    await db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at)
       SELECT u, h, now() + interval '30 days' FROM unnest($1::uuid[], $2::text[]) AS t(u, h)`,
      [part.map((u) => u.id), part.map((u) => hashToken(u.token))],
    );
  }
  return users;
}

/** A group with its owner's membership; returns the group id. */
export async function seedGroup(
  db: Db,
  group: { slug: string; name: string; visibility: 'public' | 'unlisted' | 'private'; ownerId: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO groups (slug, name, description, timezone, city, visibility, created_by)
     VALUES ($1, $2, 'Seeded for a benchmark', 'UTC', 'Benchtown', $3, $4) RETURNING id`,
    [group.slug, group.name, group.visibility, group.ownerId],
  );
  await db.query(`INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    rows[0].id,
    group.ownerId,
  ]);
  return rows[0].id;
}

/** Memberships in bulk (role member, active). */
export async function seedMembers(db: Db, groupId: string, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += CHUNK) {
    await db.query(`INSERT INTO memberships (group_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u`, [
      groupId,
      userIds.slice(i, i + CHUNK),
    ]);
  }
}
