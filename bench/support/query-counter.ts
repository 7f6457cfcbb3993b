/*
 * Preloaded into the server (`node -r`) by startHearthProcess({ countQueries: true }): counts every
 * statement sent through `pg`, grouped by its text, between two SIGUSR2 signals. Idle it costs one
 * boolean test per query; armed, one Map update. Each signal writes {seq, counts?} to
 * BENCH_QUERY_COUNTS_FILE.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.env.BENCH_QUERY_COUNTS_FILE;
if (file) {
  // The server's own copy of pg (resolved from its working directory), so its clients are the ones patched.
  const pg = createRequire(join(process.cwd(), 'package.json'))('pg') as typeof import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  const counts = new Map<string, number>();
  let armed = false;
  let seq = 0;
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    if (armed) {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
      // Counted by the text as sent (the same string each time: V8 keeps its hash), normalised only
      // when written: normalising a 2 KB statement on every call cost the server ~2% of its CPU.
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    return query.apply(this, args);
  };
  process.on('SIGUSR2', () => {
    armed = !armed;
    seq++;
    if (armed) {
      counts.clear();
      writeFileSync(file, JSON.stringify({ seq }));
    } else {
      const normalised = new Map<string, number>();
      for (const [text, n] of counts) {
        const key = text.replace(/\s+/g, ' ').trim();
        normalised.set(key, (normalised.get(key) ?? 0) + n);
      }
      writeFileSync(file, JSON.stringify({ seq, counts: Object.fromEntries(normalised) }));
    }
  });
}
