import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env, queryRows } from '@app/core';
import { MailTransport } from '../transports/mail-transport';
import { OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';
import { classifySendError, retryDelayMs } from './send-errors';

// A claimed row is ours for this long; if the worker dies mid-send another may claim it after.
const LEASE = '5 minutes';

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
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/**
 * Claims due outbox rows with FOR UPDATE SKIP LOCKED (so any number of workers share the work without
 * sending a row twice), sends them outside any transaction, and records the outcome.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(Env) private readonly env: Env,
  ) {}

  /** Sends one batch; returns how many rows it claimed. */
  async dispatchOnce(): Promise<number> {
    const batch = await this.claim(this.env.OUTBOX_BATCH_SIZE);
    await Promise.all(batch.map((row) => this.deliver(row)));
    return batch.length;
  }

  private async claim(limit: number): Promise<OutboxMessageEntity[]> {
    const rows = await queryRows<OutboxRow>(
      this.dataSource,
      `UPDATE outbox_messages o
          SET status = 'sending', attempts = o.attempts + 1, locked_until = now() + interval '${LEASE}'
        WHERE o.id IN (
          SELECT id FROM outbox_messages
           WHERE (status IN ('queued', 'retrying') AND next_attempt_at <= now())
              OR (status = 'sending' AND locked_until < now())
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING o.*`,
      [limit],
    );
    return rows.map(toEntity);
  }

  private async deliver(row: OutboxMessageEntity): Promise<void> {
    try {
      await this.transport.send(row);
    } catch (error) {
      const failure = classifySendError(error);
      const giveUp = failure.permanent || row.attempts >= this.env.OUTBOX_MAX_ATTEMPTS;
      const delay = retryDelayMs(row.attempts, this.env.OUTBOX_RETRY_BASE_MS);
      await this.dataSource.query(
        `UPDATE outbox_messages
            SET status = $2, last_error = $3, locked_until = NULL,
                next_attempt_at = now() + ($4::text || ' milliseconds')::interval
          WHERE id = $1`,
        [row.id, giveUp ? 'failed' : 'retrying', failure.reason, String(delay)],
      );
      this.logger.warn(
        `outbox ${row.id} (${row.purpose}) attempt ${row.attempts}: ${giveUp ? 'failed' : 'will retry'}`,
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`,
      [row.id],
    );
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
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lockedUntil: r.locked_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  });
}
