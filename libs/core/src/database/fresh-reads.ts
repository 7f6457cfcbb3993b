/**
 * Coalesces many small reads of the same kind ("what version is this view at now?") into one
 * statement, without ever answering a caller from a snapshot older than its own arrival.
 *
 * A caller joins the batch that has not been sent yet; at most one batch is in flight, and the next
 * one is sent as soon as it returns (in the next turn of the event loop, so that the requests read
 * in this one join it). So the statement that answers a caller is always sent after
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
   * @param timeoutMs a read not answered by then fails its callers, and the next batch goes out.
   */
  constructor(
    private readonly read: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
    private readonly maxKeys = 1000,
    private readonly timeoutMs = 10_000,
  ) {}

  /** The value of `key` as read by a statement sent after this call. */
  async get(key: K): Promise<V> {
    const values = await this.join([key]);
    return values.has(key) ? (values.get(key) as V) : this.missing;
  }

  /** The values of `keys` (the ones read; a key left out has the `missing` value) from one statement sent after this call. */
  getAll(keys: K[]): Promise<ReadonlyMap<K, V>> {
    return this.join(keys);
  }

  private join(keys: K[]): Promise<ReadonlyMap<K, V>> {
    const next = this.next;
    if (!next || (next.keys.size + keys.length > this.maxKeys && next.keys.size > 0)) {
      if (next) this.queue.push(next);
      this.next = new Batch<K, V>();
    }
    const batch = this.next as Batch<K, V>;
    for (const key of keys) batch.keys.add(key);
    this.schedule();
    return batch.answer;
  }

  /**
   * Sends the next batch once the event loop has taken in what arrived with it (setImmediate runs
   * after the poll phase): the requests read off the sockets in one turn share one statement.
   */
  private schedule(): void {
    if (this.flying) return;
    this.flying = true;
    setImmediate(() => this.fly());
  }

  /**
   * The read, failing after `timeoutMs` (as an unreachable database, ETIMEDOUT → 503): a statement
   * stuck on a half-open connection must not hold every later request of this kind behind it.
   */
  private bounded(keys: K[]): Promise<ReadonlyMap<K, V>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(Object.assign(new Error('a freshness read took too long'), { code: 'ETIMEDOUT' })),
        this.timeoutMs,
      );
      // Started in a callback, so a read that throws at once fails its batch instead of escaping.
      Promise.resolve()
        .then(() => this.read(keys))
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }

  private fly(): void {
    const batch = this.queue.shift() ?? this.next;
    if (batch === this.next) this.next = null;
    if (!batch) {
      this.flying = false;
      return;
    }
    this.bounded([...batch.keys])
      .then(batch.settle, batch.fail)
      .finally(() => {
        this.flying = false;
        if (this.queue.length > 0 || this.next) this.schedule();
      });
  }
}

/** Keys asked together, and the one promise all their callers wait on. */
class Batch<K, V> {
  readonly keys = new Set<K>();
  settle!: (values: ReadonlyMap<K, V>) => void;
  fail!: (error: unknown) => void;
  readonly answer = new Promise<ReadonlyMap<K, V>>((resolve, reject) => {
    this.settle = resolve;
    this.fail = reject;
  });
}
