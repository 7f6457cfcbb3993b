export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Keeps every sample (milliseconds) and reports percentiles from the sorted list (nearest rank). */
export class LatencyRecorder {
  private samples = new Float64Array(4096);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  /** Adds another recorder's samples (e.g. POST and DELETE into "all RSVP requests"). */
  merge(other: LatencyRecorder): this {
    for (let i = 0; i < other.size; i++) this.record(other.samples[i]);
    return this;
  }

  summary(): LatencySummary {
    const n = this.size;
    if (n === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
    const sorted = this.samples.slice(0, n).sort();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    const at = (p: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
    return { count: n, mean: sum / n, p50: at(50), p95: at(95), p99: at(99), max: sorted[n - 1] };
  }
}
