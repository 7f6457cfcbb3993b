/** What one item of a batch came to: its result, or the error that stopped it alone. */
export type BatchOutcome<R> = { result: R } | { error: unknown };

/**
 * Runs work items one statement at a time per key, and the items that arrive for a key while its
 * statement is in flight together in the next one, in arrival order (up to `maxItems`; the rest wait
 * for the one after).
 *
 * For writes that would wait for each other in the database anyway (RSVPs to one event all take the
 * event's row lock): nothing is lost by holding them here instead, and the ones gathered meanwhile
 * take one round trip and one commit together. Keys are independent (different events run in
 * parallel). An item is answered only when the statement that ran it has answered.
 */
export class KeyedBatches<P, R> {
  /** Per key with a statement in flight: the items that arrived meanwhile. */
  private readonly waiting = new Map<string, Array<Pending<P, R>>>();

  /**
   * @param one runs a single item (the first one for an idle key, or a batch of one).
   * @param many runs several items in one statement: an outcome per item, in order; a rejection fails them all.
   * @param sent told the size of every statement sent (1 for `one`).
   */
  constructor(
    private readonly one: (item: P) => Promise<R>,
    private readonly many: (items: P[]) => Promise<Array<BatchOutcome<R>>>,
    private readonly maxItems: number,
    private readonly sent: (size: number) => void = () => undefined,
  ) {}

  /** How many items wait for the key's statement in flight (-1: none in flight). */
  waitingFor(key: string): number {
    return this.waiting.get(key)?.length ?? -1;
  }

  async run(key: string, item: P): Promise<R> {
    const waiting = this.waiting.get(key);
    if (waiting) return new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
    this.waiting.set(key, []);
    this.sent(1);
    try {
      return await this.one(item);
    } finally {
      this.next(key);
    }
  }

  /** Sends what waited for the key's statement that just ended, or marks the key idle. */
  private next(key: string): void {
    const waiting = this.waiting.get(key) ?? [];
    if (waiting.length === 0) {
      this.waiting.delete(key);
      return;
    }
    const batch = waiting.splice(0, this.maxItems);
    this.sent(batch.length);
    // Started in a callback, so a runner that throws at once fails its batch instead of escaping.
    Promise.resolve()
      .then(() =>
        batch.length === 1
          ? this.one(batch[0].item).then((result): Array<BatchOutcome<R>> => [{ result }])
          : this.many(batch.map((pending) => pending.item)),
      )
      .then(
        (outcomes) =>
          batch.forEach((pending, i) => {
            const outcome = outcomes[i] ?? { error: new Error('the batch left this item unanswered') };
            if ('error' in outcome) pending.reject(outcome.error);
            else pending.resolve(outcome.result);
          }),
        (error: unknown) => batch.forEach((pending) => pending.reject(error)),
      )
      .finally(() => this.next(key));
  }
}

interface Pending<P, R> {
  item: P;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}
