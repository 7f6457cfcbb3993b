import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Env, MetricsService } from '@app/core';
import { MailTransport } from '../transports/mail-transport';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';
import { OutboxMessageEntity } from './outbox-message.entity';
import { classifySendError, retryDelayMs } from './send-errors';
import { SentRecorder } from './sent-recorder';

/** Accepted messages are marked sent with one UPDATE per this many... */
const SENT_BATCH = 100;
/**
 * ...or per what was accepted within this long of the first unrecorded one. Short on purpose: a worker
 * that dies between the relay's acceptance and the UPDATE leaves those rows to be sent again after the
 * lease (same Message-ID), so this bounds how many a crash can repeat (about 25 at 1,000/s).
 */
const SENT_DELAY_MS = 25;

/**
 * Claims due outbox rows under a short lease (OUTBOX_LEASE_MS) with a token of its own, renews the
 * lease every OUTBOX_HEARTBEAT_MS while the batch is being sent, sends outside any transaction, and
 * records each outcome only while it still holds the row. A worker that dies stops renewing, so its
 * rows are claimed again within a lease; a live one with a slow relay keeps them. Accepted rows are
 * marked sent a batch at a time (SentRecorder), each batch within SENT_DELAY_MS of its first row.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    private readonly outbox: OutboxDispatchRepository,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(Env) private readonly env: Env,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Sends one batch; returns how many rows it claimed. */
  async dispatchOnce(): Promise<number> {
    const lease = randomUUID();
    const batch = await this.claim(this.env.OUTBOX_BATCH_SIZE, lease);
    if (batch.length === 0) return 0;
    // The rows this claim holds and has not settled yet: sent but unrecorded ones included.
    const pending = new Set(batch.map((row) => row.id));
    let beating: Promise<void> | undefined;
    const heartbeat = setInterval(() => {
      // A beat still waiting on the database is not doubled; the next one follows it.
      beating ??= this.renew(lease, [...pending]).finally(() => (beating = undefined));
    }, this.env.OUTBOX_HEARTBEAT_MS);
    const sent = new SentRecorder(
      (rows) => this.recordSent(rows, lease).finally(() => rows.forEach((row) => pending.delete(row.id))),
      SENT_BATCH,
      SENT_DELAY_MS,
    );
    try {
      // The claim gives each ordering key at most one row, so sending the batch concurrently cannot
      // reorder one person's messages about an event.
      await Promise.all(
        batch.map(async (row) => {
          if (await this.deliver(row, lease)) sent.add(row);
          else pending.delete(row.id);
        }),
      );
    } finally {
      await sent.flush();
      clearInterval(heartbeat);
      await beating;
    }
    return batch.length;
  }

  private claim(limit: number, lease: string): Promise<OutboxMessageEntity[]> {
    return this.outbox.claim(limit, lease, this.env.OUTBOX_LEASE_MS);
  }

  /** Extends the lease on the rows of this claim that are still being sent. */
  private async renew(lease: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const renewed = await this.outbox.renew(lease, ids, this.env.OUTBOX_LEASE_MS);
      if (renewed < ids.length)
        this.logger.warn(`outbox lease ${lease}: ${ids.length - renewed} row(s) lost`);
    } catch (error) {
      this.logger.warn(`outbox lease ${lease} not renewed: ${(error as Error).message}`);
    }
  }

  /** Hands the row to the transport: true when accepted; a failure is recorded here. */
  private async deliver(row: OutboxMessageEntity, lease: string): Promise<boolean> {
    try {
      await this.transport.send(row);
      return true;
    } catch (error) {
      const failure = classifySendError(error);
      const giveUp = failure.permanent || row.attempts >= this.env.OUTBOX_MAX_ATTEMPTS;
      const delay = retryDelayMs(row.attempts, this.env.OUTBOX_RETRY_BASE_MS);
      const held = await this.outbox.recordFailure(
        row.id,
        lease,
        giveUp ? 'failed' : 'retrying',
        failure.reason,
        delay,
      );
      this.metrics.outboxSends.inc({ result: giveUp ? 'failed' : 'retrying' });
      this.logger.warn({
        msg:
          `outbox attempt ${giveUp ? 'failed' : 'will retry'}` +
          (held === 0 ? ' (lease lost: left to the worker that holds it)' : ''),
        outboxId: row.id,
        purpose: row.purpose,
        attempt: row.attempts,
        reason: failure.reason,
      });
      return false;
    }
  }

  /** Marks accepted rows sent, those this claim still holds, in one statement. */
  private async recordSent(rows: OutboxMessageEntity[], lease: string): Promise<void> {
    let marked: Set<string>;
    try {
      marked = await this.outbox.markSent(
        rows.map((row) => row.id),
        lease,
      );
    } catch (error) {
      // They stay claimed until the lease runs out, then go again (the same Message-ID shows it).
      this.logger.error(`outbox: ${rows.length} sent message(s) not recorded: ${(error as Error).message}`);
      return;
    }
    this.metrics.outboxSends.inc({ result: 'sent' }, rows.length);
    for (const row of rows) {
      // Another worker claimed the row after this one's lease ran out (no heartbeat reached the
      // database for a whole lease): it may send again, and the Message-ID shows the duplicate.
      if (!marked.has(row.id))
        this.logger.warn({ msg: 'outbox message sent after its lease was lost', outboxId: row.id });
      else this.logger.debug({ msg: 'outbox message sent', outboxId: row.id, purpose: row.purpose });
    }
  }
}
