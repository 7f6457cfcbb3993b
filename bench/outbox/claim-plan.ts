/*
 * bench/outbox/claim-plan.ts — EXPLAIN ANALYZE of the outbox claim (CLAIM_DUE) over a large queue:
 * OUTBOX_PLAN_ROWS queued rows (default 100,000), half of the recipients with a second message of the
 * same ordering key queued behind the first (an update after the invitation), as a fan-out leaves it.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/outbox/claim-plan.ts
 */
import { Pool } from 'pg';
import { CLAIM_DUE } from '../../libs/mail/src/outbox/outbox-dispatch.repository';
import { num, provideDatabase, runBenchmark, say } from '../support';

const ROWS = Number(process.env.OUTBOX_PLAN_ROWS ?? 100_000);

runBenchmark(async (cleanup) => {
  const db = await provideDatabase(cleanup, say);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  cleanup.add('pool', () => pool.end());
  const keys = Math.ceil((ROWS * 2) / 3);
  await pool.query(
    `INSERT INTO outbox_messages (id, purpose, recipient, subject, text_body, headers, attachments, message_id,
                                  ordering_key, status, attempts, next_attempt_at)
     SELECT id, 'event_invitation', 'm' || k || '@bench.example', 's', 't', '{}', '[]', '<' || id || '@x>',
            'event:bench:user:' || k, 'queued', 0, now() - interval '1 minute'
       FROM (SELECT gen_random_uuid() AS id, n, CASE WHEN n <= $2 THEN n ELSE n - $2 END AS k
               FROM generate_series(1, $1::int) AS n) s ORDER BY n`,
    [ROWS, keys],
  );
  await pool.query('ANALYZE outbox_messages');
  say(`${num(ROWS)} queued rows over ${num(keys)} ordering keys`);
  for (const limit of [50, 200]) {
    await pool.query('BEGIN');
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${CLAIM_DUE}`, [
      limit,
      '00000000-0000-4000-8000-000000000000',
      30_000,
    ]);
    await pool.query('ROLLBACK');
    say(`\nCLAIM_DUE, LIMIT ${limit}:`);
    for (const row of plan.rows) say(row['QUERY PLAN']);
  }
});
