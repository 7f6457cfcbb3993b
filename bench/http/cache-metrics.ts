/**
 * Cache hit and miss counters read from the server's Prometheus exposition (GET /metrics). Tolerant
 * of how they are named: any sample whose metric name mentions "cache" counts as a hit or a miss when
 * the name or one of its label values says so (`…_hits_total`, `result="miss"`, …); the rest of the
 * name and labels identify the cache.
 */
export type CacheCounts = Map<string, { hits: number; misses: number }>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+([0-9.eE+-]+)/;

export function parseCacheCounters(exposition: string): CacheCounts {
  const counts: CacheCounts = new Map();
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m || !/cache/i.test(m[1]) || /_(bucket|sum|count|created)$/.test(m[1])) continue;
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]);
    let kind: 'hits' | 'misses' | null = /hits?(_|$)/i.test(m[1])
      ? 'hits'
      : /miss/i.test(m[1])
        ? 'misses'
        : null;
    const rest: string[] = [];
    for (const [k, v] of labels) {
      if (/^hits?$/i.test(v)) kind = 'hits';
      else if (/^miss(es)?$/i.test(v)) kind = 'misses';
      else rest.push(`${k}=${v}`);
    }
    if (!kind) continue;
    const name = m[1].replace(/_?(hits?|miss(es)?)(?=_|$)/i, '').replace(/_total$/, '');
    const key = rest.length ? `${name}{${rest.join(',')}}` : name;
    const entry = counts.get(key) ?? { hits: 0, misses: 0 };
    entry[kind] += Number(m[3]);
    counts.set(key, entry);
  }
  return counts;
}

/** after − before, per cache, leaving out caches nothing touched. */
export function cacheDelta(before: CacheCounts, after: CacheCounts): CacheCounts {
  const delta: CacheCounts = new Map();
  for (const [key, a] of after) {
    const b = before.get(key) ?? { hits: 0, misses: 0 };
    const d = { hits: a.hits - b.hits, misses: a.misses - b.misses };
    if (d.hits + d.misses > 0) delta.set(key, d);
  }
  return delta;
}

/** "93% of 12,345" over every cache touched, or n/a when the server counts none. */
export function hitRate(counts: CacheCounts | null): string {
  if (!counts) return 'n/a';
  let hits = 0;
  let all = 0;
  for (const c of counts.values()) {
    hits += c.hits;
    all += c.hits + c.misses;
  }
  return all === 0 ? '-' : `${((100 * hits) / all).toFixed(0)}%`;
}
