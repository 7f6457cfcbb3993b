import { OutboxMessageEntity } from './outbox-message.entity';

/**
 * Collects the rows of one claim the relay accepted and records them in batches: one UPDATE for up to
 * `size` rows, or for what accepted within `delayMs` of the first unrecorded one, whichever comes first.
 * Batches are recorded one after another, and `flush()` records the rest. Until a row is recorded the
 * claim still holds it (the heartbeat keeps renewing it), so its ordering key stays held as well.
 */
export class SentRecorder {
  private accepted: OutboxMessageEntity[] = [];
  private timer?: NodeJS.Timeout;
  private recording: Promise<void> = Promise.resolve();

  constructor(
    private readonly record: (rows: OutboxMessageEntity[]) => Promise<void>,
    private readonly size: number,
    private readonly delayMs: number,
  ) {}

  add(row: OutboxMessageEntity): void {
    this.accepted.push(row);
    if (this.accepted.length >= this.size) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Records everything accepted so far; resolves when every batch so far is recorded. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.accepted;
    this.accepted = [];
    // `record` reports its own failures, so one failed batch does not stop the ones after it.
    if (rows.length > 0) this.recording = this.recording.then(() => this.record(rows));
    return this.recording;
  }
}
