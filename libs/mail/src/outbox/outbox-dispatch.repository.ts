import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { execute, queryRows } from '@app/core';
import { OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';

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
 * key has at most one message in flight across all workers. A row still to be composed (compose set)
 * is not claimed, and holds its key's later rows back like any queued row.
 */
export const CLAIM_DUE = `
  UPDATE outbox_messages o
     SET status = 'sending', attempts = o.attempts + 1, lease_token = $2,
         locked_until = now() + $3 * interval '1 millisecond'
   WHERE o.id IN (
     SELECT m.id FROM outbox_messages m
      WHERE m.status IN ('queued', 'retrying', 'sending') AND m.next_attempt_at <= now()
        AND (m.status <> 'sending' OR m.locked_until < now()) AND m.compose IS NULL
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

/** The dispatcher's and the metrics' statements on outbox_messages (owned by mail). */
@Injectable()
export class OutboxDispatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims up to `limit` due rows under the lease token `lease` for `leaseMs`. */
  async claim(limit: number, lease: string, leaseMs: number): Promise<OutboxMessageEntity[]> {
    const rows = await queryRows<OutboxRow>(this.dataSource, CLAIM_DUE, [limit, lease, leaseMs]);
    return rows.map(toEntity);
  }

  /** Extends the lease on those rows this claim still holds; how many it still holds. */
  renew(lease: string, ids: string[], leaseMs: number): Promise<number> {
    return execute(
      this.dataSource,
      `UPDATE outbox_messages SET locked_until = now() + $3 * interval '1 millisecond'
        WHERE id = ANY($1::uuid[]) AND lease_token = $2 AND status = 'sending'`,
      [ids, lease, leaseMs],
    );
  }

  /** Records a failed attempt while the claim holds the row; 0 when the lease was lost. */
  async recordFailure(
    id: string,
    lease: string,
    status: 'failed' | 'retrying',
    reason: string,
    delayMs: number,
  ): Promise<number> {
    const [row] = await queryRows<{ held: number }>(this.dataSource, RECORD_FAILURE, [
      id,
      lease,
      status,
      reason,
      delayMs,
    ]);
    return row?.held ?? 0;
  }

  /**
   * Marks the rows sent that this claim still holds, in one statement; returns the ids it marked (a
   * row missing from them was claimed by another worker after this one's lease ran out).
   */
  async markSent(ids: string[], lease: string): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), locked_until = NULL, lease_token = NULL,
              last_error = NULL
        WHERE id = ANY($1::uuid[]) AND lease_token = $2
       RETURNING id`,
      [ids, lease],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** How many messages are unsettled and the age in seconds of the oldest (null when none). */
  async backlog(): Promise<{ depth: number; age: number | null }> {
    const [row] = await queryRows<{ depth: number; age: number | null }>(
      this.dataSource,
      `SELECT count(*)::int AS depth, extract(epoch FROM now() - min(created_at))::float8 AS age
         FROM outbox_messages WHERE status IN ('queued', 'sending', 'retrying')`,
    );
    return row ?? { depth: 0, age: null };
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
