import { Client } from 'pg';
import { createTestDatabase } from './support/database';

const UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Deleting a person (ON DELETE CASCADE / SET NULL, then what was kept by address only) must not scan
 * whole tables: it runs in the transaction that holds the lock of every event they answered, and the
 * outbox, invitations and RSVP history of a large group run to millions of rows.
 */
describe('schema: what a deletion looks up is indexed (e2e)', () => {
  let db: { url: string; drop(): Promise<void> };
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('every foreign key has an index led by its column', async () => {
    const { rows } = await client.query<{ fk: string }>(`
      SELECT c.conrelid::regclass || '.' || a.attname || ' -> ' || c.confrelid::regclass AS fk
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f'
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
       ORDER BY 1`);
    expect(rows.map((r) => r.fk)).toEqual([]);
  });

  it.each([
    ['the outbox by owner (cascade)', `DELETE FROM outbox_messages WHERE user_id = $1::uuid`, [UUID]],
    ['the RSVP history by RSVP (cascade)', `DELETE FROM rsvp_history WHERE rsvp_id = $1::uuid`, [UUID]],
    [
      'invitations by inviter (set null)',
      `UPDATE invitations SET invited_by = NULL WHERE invited_by = $1::uuid`,
      [UUID],
    ],
    [
      'outbox mail kept by address only',
      `DELETE FROM outbox_messages WHERE user_id IS NULL AND lower(recipient) = lower($1)`,
      ['Someone@Example.org'],
    ],
    [
      'dev mailbox by address',
      `DELETE FROM dev_mailbox_messages WHERE lower(recipient) = lower($1)`,
      ['a@b.c'],
    ],
    ['group invitations by address', `DELETE FROM group_invites WHERE lower(email) = lower($1)`, ['a@b.c']],
    ['sign-in links by address', `DELETE FROM magic_links WHERE lower(email) = lower($1)`, ['a@b.c']],
  ])('%s is found through an index', async (_what, sql, params) => {
    await client.query('BEGIN');
    try {
      // Empty tables make a scan the cheapest plan; with scans priced out, any usable index is chosen.
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
