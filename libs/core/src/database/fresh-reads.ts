/**
 * Coalesces many small reads of the same kind ("what version is this view at now?") into one
 * statement, without ever answering a caller from a snapshot older than its own arrival.
 *
 * A caller joins the batch that has not been sent yet; at most one batch is in flight, and the next
 * one is sent as soon as it returns. So the statement that answers a caller is always sent after
 * that caller asked: under READ COMMITTED it sees every commit acknowledged before the caller's
 * request arrived — the same guarantee as one read per request, at one read per round trip however
 * many requests arrive meanwhile (at 50 concurrent requests, dozens share each read).
 */
export class FreshReads<K, V> {
  /** The batch callers join now (not sent yet). */
  private next: Batch<K, V> | null = null;
  /** Full batches waiting behind the one in flight, sent in order. */
  private readonly queue: Array<Batch<K, V>> = [];
  private flying = false;

  /**
   * @param read answers a set of keys with one statement; a key it leaves out is answered `missing`.
   * @param maxKeys a batch holding this many keys takes no more (the rest wait for the next one).
   */
  constructor(
    private readonly read: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
    private readonly maxKeys = 1000,
  ) {}

  /** The value of `key` as read by a statement sent after this call. */
  get(key: K): Promise<V> {
    if (!this.next || (this.next.keys.size >= this.maxKeys && !this.next.keys.has(key))) {
      if (this.next) this.queue.push(this.next);
      this.next = new Batch<K, V>();
    }
    const batch = this.next;
    const answer = batch.add(key);
    if (!this.flying) this.fly();
    return answer;
  }

  private fly(): void {
    const batch = this.queue.shift() ?? this.next;
    if (!batch) return;
    if (batch === this.next) this.next = null;
    this.flying = true;
    const keys = [...batch.keys];
    this.read(keys)
      .then(
        (values) => batch.settle((key) => (values.has(key) ? (values.get(key) as V) : this.missing)),
        (error: unknown) => batch.fail(error),
      )
      .finally(() => {
        this.flying = false;
        if (this.queue.length > 0 || this.next) this.fly();
      });
  }
}

class Batch<K, V> {
  readonly keys = new Set<K>();
  private readonly waiters: Array<{ key: K; resolve: (v: V) => void; reject: (e: unknown) => void }> = [];

  add(key: K): Promise<V> {
    this.keys.add(key);
    return new Promise<V>((resolve, reject) => this.waiters.push({ key, resolve, reject }));
  }

  settle(value: (key: K) => V): void {
    for (const w of this.waiters) w.resolve(value(w.key));
  }

  fail(error: unknown): void {
    for (const w of this.waiters) w.reject(error);
  }
}
