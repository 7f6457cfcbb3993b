/**
 * Reads one sample from a Prometheus text exposition: `name{a="x",b="y"} value`. Labels given must
 * all match (others on the line are allowed); an absent series reads as 0, as a counter not yet
 * incremented would.
 */
export function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let total: number | null = null;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      found[pair[1]] = pair[2];
    }
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total ?? 0;
}

/** Whether the exposition has any sample of this metric. */
export function hasMetric(exposition: string, name: string): boolean {
  return exposition.split('\n').some((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
}
