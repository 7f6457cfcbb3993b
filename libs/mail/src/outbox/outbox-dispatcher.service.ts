import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env, MetricsService, execute, queryRows } from '@app/core';
import { MailTransport } from '../transports/mail-transport';
import { OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';
import { classifySendError, retryDelayMs } from './send-errors';

interface OutboxRow {
  id: string;
  purpose: string;
  user_id: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Record<string, string>;
  calendar: OutboxMessageEntity['calendar'];
  attachments: OutboxMessageEntity['attachments'];
  message_id: string;
  ordering_key: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  lease_token: string | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/**
 * Due rows, in the order they fell due, that no earlier unsettled row with the same ordering key
 * holds back: per person and event, a message waits until the ones queued before it were accepted
 * or failed for good (a retry waiting out its backoff holds the later ones too). A claim whose lease
 * ran out (its worker died) is due again; a claimed row was due when claimed, so its next_attempt_at
 * is past too, and one range over IDX_outbox_messages_due, read in order, finds every candidate (the
 * scan stops at LIMIT instead of sorting the whole queue). FOR UPDATE SKIP LOCKED lets any number of
 * workers claim side by side; while a key's head is unsettled its successors are held back, so each
 * key has at most one message in flight across all workers.
 */
export const CLAIM_DUE = `
  UPDATE outbox_messages o
     SET status = 'sending', attempts = o.attempts + 1, lease_token = $2,
         locked_until = now() + $3 * interval '1 millisecond'
   WHERE o.id IN (
     SELECT m.id FROM outbox_messages m
      WHERE m.status IN ('queued', 'retrying', 'sending') AND m.next_attempt_at <= now()
        AND (m.status <> 'sending' OR m.locked_until < now())
        AND (m.ordering_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM outbox_messages p
               WHERE p.ordering_key = m.ordering_key AND p.queue_position < m.queue_position
                 AND p.status IN ('queued', 'sending', 'retrying')))
      ORDER BY m.next_attempt_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
  RETURNING o.*`;

/**
 * Records a failed attempt, only while this claim still holds the row. A retry also moves the later
 * messages of its ordering key to no earlier than its own next attempt: they cannot leave before it
 * anyway, and out of the due range the claim does not read past them on every poll while it waits.
 */
const RECORD_FAILURE = `
  WITH failed AS (
    UPDATE outbox_messages
       SET status = $3, last_error = $4, locked_until = NULL, lease_token = NULL,
           next_attempt_at = now() + $5 * interval '1 millisecond'
     WHERE id = $1 AND lease_token = $2
    RETURNING ordering_key, queue_position, next_attempt_at, status),
  held_back AS (
    UPDATE outbox_messages s SET next_attempt_at = f.next_attempt_at
      FROM failed f
     WHERE f.status = 'retrying' AND s.ordering_key = f.ordering_key AND s.queue_position > f.queue_position
       AND s.status IN ('queued', 'retrying') AND s.next_attempt_at < f.next_attempt_at
    RETURNING s.id)
  SELECT count(*)::int AS held FROM failed`;

/**
 * Claims due outbox rows under a short lease (OUTBOX_LEASE_MS) with a token of its own, renews the
 * lease every OUTBOX_HEARTBEAT_MS while the batch is being sent, sends outside any transaction, and
 * records each outcome only while it still holds the row. A worker that dies stops renewing, so its
 * rows are claimed again within a lease; a live one with a slow relay keeps them.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(Env) private readonly env: Env,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Sends one batch; returns how many rows it claimed. */
  async dispatchOnce(): Promise<number> {
    const lease = randomUUID();
    const batch = await this.claim(this.env.OUTBOX_BATCH_SIZE, lease);
    if (batch.length === 0) return 0;
    const pending = new Set(batch.map((row) => row.id));
    let beating: Promise<void> | undefined;
    const heartbeat = setInterval(() => {
      // A beat still waiting on the database is not doubled; the next one follows it.
      beating ??= this.renew(lease, [...pending]).finally(() => (beating = undefined));
    }, this.env.OUTBOX_HEARTBEAT_MS);
    try {
      // The claim gives each ordering key at most one row, so sending the batch concurrently cannot
      // reorder one person's messages about an event.
      await Promise.all(batch.map((row) => this.deliver(row, lease).finally(() => pending.delete(row.id))));
    } finally {
      clearInterval(heartbeat);
      await beating;
    }
    return batch.length;
  }

  private async claim(limit: number, lease: string): Promise<OutboxMessageEntity[]> {
    const rows = await queryRows<OutboxRow>(this.dataSource, CLAIM_DUE, [
      limit,
      lease,
      this.env.OUTBOX_LEASE_MS,
    ]);
    return rows.map(toEntity);
  }

  /** Extends the lease on the rows of this claim that are still being sent. */
  private async renew(lease: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const renewed = await execute(
        this.dataSource,
        `UPDATE outbox_messages SET locked_until = now() + $3 * interval '1 millisecond'
          WHERE id = ANY($1::uuid[]) AND lease_token = $2 AND status = 'sending'`,
        [ids, lease, this.env.OUTBOX_LEASE_MS],
      );
      if (renewed < ids.length)
        this.logger.warn(`outbox lease ${lease}: ${ids.length - renewed} row(s) lost`);
    } catch (error) {
      this.logger.warn(`outbox lease ${lease} not renewed: ${(error as Error).message}`);
    }
  }

  private async deliver(row: OutboxMessageEntity, lease: string): Promise<void> {
    try {
      await this.transport.send(row);
    } catch (error) {
      const failure = classifySendError(error);
      const giveUp = failure.permanent || row.attempts >= this.env.OUTBOX_MAX_ATTEMPTS;
      const delay = retryDelayMs(row.attempts, this.env.OUTBOX_RETRY_BASE_MS);
      const [{ held }] = await queryRows<{ held: number }>(this.dataSource, RECORD_FAILURE, [
        row.id,
        lease,
        giveUp ? 'failed' : 'retrying',
        failure.reason,
        delay,
      ]);
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
      return;
    }
    const held = await execute(
      this.dataSource,
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), locked_until = NULL, lease_token = NULL,
              last_error = NULL
        WHERE id = $1 AND lease_token = $2`,
      [row.id, lease],
    );
    this.metrics.outboxSends.inc({ result: 'sent' });
    // Another worker claimed the row after this one's lease ran out (no heartbeat reached the
    // database for a whole lease): it may send again, and the Message-ID shows the duplicate.
    if (held === 0)
      this.logger.warn({ msg: 'outbox message sent after its lease was lost', outboxId: row.id });
    else this.logger.debug({ msg: 'outbox message sent', outboxId: row.id, purpose: row.purpose });
  }
}

function toEntity(r: OutboxRow): OutboxMessageEntity {
  return Object.assign(new OutboxMessageEntity(), {
    id: r.id,
    purpose: r.purpose,
    userId: r.user_id,
    recipient: r.recipient,
    subject: r.subject,
    textBody: r.text_body,
    htmlBody: r.html_body,
    headers: r.headers,
    calendar: r.calendar,
    attachments: r.attachments,
    messageId: r.message_id,
    orderingKey: r.ordering_key,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lockedUntil: r.locked_until,
    leaseToken: r.lease_token,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  });
}
