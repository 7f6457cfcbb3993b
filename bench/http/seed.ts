import { Pool } from 'pg';
import { SeededUser, seedGroup, seedUsers } from '../support';

export interface HttpSeed {
  owner: SeededUser;
  users: SeededUser[];
  groupSlug: string;
  /** Every event of the group, in start order. */
  events: string[];
  /** The hybrid ones: an answer to them names a mode (in person here). */
  hybrid: Set<string>;
}

export interface HttpSeedOptions {
  users: number;
  events: number;
  venues: number;
}

export const GROUP_SLUG = 'bench-http';

const KINDS = ['in_person', 'online_discussion', 'hybrid', 'virtual_networking'];

/**
 * The shape the peer platforms were measured with (DESIGN §7): one public group, `venues` venues
 * (names and addresses reused across events), `events` events spread over the next year with
 * descriptions of about 600 characters, and `users` people with a signed-in session each, none of
 * them a member (the group is public: anyone may RSVP). Events have no capacity, so RSVPs never
 * fill one up during a run.
 */
export async function seedHttpBench(db: Pool, options: HttpSeedOptions): Promise<HttpSeed> {
  const [owner] = await seedUsers(db, 1, { prefix: 'bench-owner' });
  const users = await seedUsers(db, options.users);
  const groupId = await seedGroup(db, {
    slug: GROUP_SLUG,
    name: 'Bench HTTP',
    visibility: 'public',
    ownerId: owner.id,
  });
  const { rows } = await db.query<{ id: string; kind: string }>(
    `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, venue_name,
                         venue_address, join_url, location_visibility, attendee_visibility, calendar_uid,
                         created_by, tags)
     SELECT $1, k, 'Bench event #' || i || ': ' || replace(k, '_', ' '),
            left('Event ' || i || '. ' || repeat('Bring a friend, a question and something to share. ', 12), 600),
            now() + make_interval(mins => 60 + (i * 525600 / $3::int)),
            now() + make_interval(mins => 60 + (i * 525600 / $3::int) + 120),
            (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'])[1 + i % 4],
            CASE WHEN k IN ('in_person', 'hybrid') THEN 'Venue ' || (i % $4::int) END,
            CASE WHEN k IN ('in_person', 'hybrid') THEN (i % $4::int) || ' Bench Street, Benchtown' END,
            CASE WHEN k <> 'in_person' THEN 'https://meet.example.org/bench-' || i END,
            (ARRAY['public', 'public', 'members', 'attendees'])[1 + i % 4],
            (ARRAY['count', 'organizers', 'names'])[1 + i % 3],
            'bench-http-' || i || '@hearth.localhost', $2, ARRAY['bench', 'tag' || (i % 10)]
       FROM generate_series(1, $3::int) AS i,
            LATERAL (SELECT (ARRAY['${KINDS.join("','")}'])[1 + i % ${KINDS.length}] AS k) AS kinds
      ORDER BY i
     RETURNING id, kind`,
    [groupId, owner.id, options.events, options.venues],
  );
  // Statistics for what the seed wrote. The tables it left empty (RSVPs, invitations, the outbox) stay
  // as a fresh install has them, never vacuumed: the planner then assumes they will fill and plans
  // their lookups on their indexes. Vacuumed while empty, they are "known empty", and a statement
  // planned once on that (a pooled connection keeps its plans) scans them whole for the rest of the
  // run, long after they hold thousands of rows; production's autovacuum never vacuums an empty table.
  const { rows: filled } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables WHERE n_tup_ins > 0`,
  );
  await db.query(`VACUUM ANALYZE ${filled.map((t) => t.name).join(', ')}`);
  return {
    owner,
    users,
    groupSlug: GROUP_SLUG,
    events: rows.map((r) => r.id),
    hybrid: new Set(rows.filter((r) => r.kind === 'hybrid').map((r) => r.id)),
  };
}
