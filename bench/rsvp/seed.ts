import { Pool } from 'pg';
import { SeededUser, seedGroup, seedUsers } from '../support';

export interface RsvpSeed {
  owner: SeededUser;
  users: SeededUser[];
  /** In-person events with room for everyone: RSVPs spread over them measure the write path. */
  spreadEvents: string[];
  /** One event of capacity `contendedCapacity`: every connection on one event row lock. */
  contendedEvent: string;
  listingEvents: number;
}

export interface RsvpSeedOptions {
  users: number;
  spreadEvents: number;
  contendedCapacity: number;
  /** Further scheduled events of every kind across groups, for the public listing. */
  listingEvents: number;
}

const KINDS = ['online_discussion', 'virtual_networking', 'hybrid', 'in_person'] as const;

async function insertEvents(
  db: Pool,
  e: {
    groupId: string;
    ownerId: string;
    count: number;
    uidPrefix: string;
    /** null: kinds in turn. */
    kind: (typeof KINDS)[number] | null;
    capacity: number | null;
    startMinutes: number;
  },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (group_id, kind, title, description, starts_at, ends_at, timezone, venue_name,
                         venue_address, join_url, location_visibility, attendee_visibility, capacity,
                         online_capacity, calendar_uid, created_by, tags)
     SELECT $1, k, 'Bench ' || replace(k, '_', ' ') || ' #' || i,
            'Seeded for a benchmark. ' || repeat('Bring a friend and a question. ', 8),
            now() + make_interval(mins => $5 + i * 53), now() + make_interval(mins => $5 + i * 53 + 120), 'UTC',
            CASE WHEN k IN ('in_person', 'hybrid') THEN 'Community hall ' || i END,
            CASE WHEN k IN ('in_person', 'hybrid') THEN i || ' Bench Street, Benchtown' END,
            CASE WHEN k <> 'in_person' THEN 'https://meet.example.org/bench-' || i END,
            (ARRAY['public', 'members', 'attendees'])[1 + i % 3],
            (ARRAY['count', 'organizers', 'names'])[1 + i % 3],
            $3::int, CASE WHEN k = 'hybrid' THEN $3::int END,
            $4 || i || '@hearth.localhost', $2, ARRAY['bench', 'tag' || (i % 10)]
       FROM generate_series(1, $6::int) AS i,
            LATERAL (SELECT coalesce($7::text, (ARRAY['${KINDS.join("','")}'])[1 + i % ${KINDS.length}]) AS k) AS kinds
     RETURNING id`,
    [e.groupId, e.ownerId, e.capacity, e.uidPrefix, e.startMinutes, e.count, e.kind],
  );
  return rows.map((r) => r.id);
}

/**
 * The data: `users` signed-in people (who are not members: the group is public, anyone may RSVP), a
 * public group with its owner, the spread events and the contended one, and more events of every
 * kind in a second public group and a private group (which the public listing must leave out).
 */
export async function seedRsvpBench(db: Pool, options: RsvpSeedOptions): Promise<RsvpSeed> {
  const [owner] = await seedUsers(db, 1, { prefix: 'bench-owner' });
  const users = await seedUsers(db, options.users);
  const groupId = await seedGroup(db, {
    slug: 'bench-public',
    name: 'Bench Public',
    visibility: 'public',
    ownerId: owner.id,
  });
  const spreadEvents = await insertEvents(db, {
    groupId,
    ownerId: owner.id,
    count: options.spreadEvents,
    uidPrefix: 'bench-spread-',
    kind: 'in_person',
    capacity: 1_000_000,
    startMinutes: 24 * 60,
  });
  const [contendedEvent] = await insertEvents(db, {
    groupId,
    ownerId: owner.id,
    count: 1,
    uidPrefix: 'bench-contended-',
    kind: 'in_person',
    capacity: options.contendedCapacity,
    startMinutes: 2 * 24 * 60,
  });
  const second = await seedGroup(db, {
    slug: 'bench-second',
    name: 'Bench Second',
    visibility: 'public',
    ownerId: owner.id,
  });
  const secret = await seedGroup(db, {
    slug: 'bench-private',
    name: 'Bench Private',
    visibility: 'private',
    ownerId: owner.id,
  });
  const publicListing = Math.round(options.listingEvents * 0.8);
  await insertEvents(db, {
    groupId: second,
    ownerId: owner.id,
    count: publicListing,
    uidPrefix: 'bench-listing-',
    kind: null,
    capacity: 500,
    startMinutes: 60,
  });
  await insertEvents(db, {
    groupId: secret,
    ownerId: owner.id,
    count: options.listingEvents - publicListing,
    uidPrefix: 'bench-private-',
    kind: null,
    capacity: 500,
    startMinutes: 90,
  });
  await db.query('ANALYZE');
  return { owner, users, spreadEvents, contendedEvent, listingEvents: options.listingEvents };
}
