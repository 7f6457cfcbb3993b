import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { OutboxAttachment, OutboxCalendar } from './outbox-message.entity';

/** One queued row: the mail's content with the id and Message-ID the service chose for it. */
export interface OutboxRow {
  id: string;
  purpose: string;
  userId: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  calendar: OutboxCalendar | null;
  attachments: OutboxAttachment[];
  messageId: string;
  aboutUserId: string | null;
  eventId: string | null;
  orderingKey: string | null;
  jobId: string | null;
}

/**
 * A message queued as an intent to compose (outbox_messages.compose): an INSERT of one row from the
 * caller's SELECT, which gives, in order, id, purpose, user_id, recipient, event_id, ordering_key,
 * message_id and compose (jsonb). Its content is empty until the worker renders it after commit
 * (OutboxService.claimDeferred / fillDeferred); until then it is `queued` like any other row (it
 * holds back the later messages of its ordering key) but never claimed for sending.
 */
export function insertDeferredSql(select: string): string {
  return `INSERT INTO outbox_messages (id, purpose, user_id, recipient, event_id, ordering_key, message_id, compose,
                                  subject, text_body, status, attempts, next_attempt_at)
          SELECT d.*, '', '', 'queued', 0, now() FROM (${select}) AS d`;
}

/** A deferred message claimed for composing: its id and what to compose. */
export interface DeferredRow {
  id: string;
  compose: Record<string, unknown>;
}

/** The outbox_messages and dev_mailbox_messages tables (mail owns them), written in the caller's transaction. */
@Injectable()
export class OutboxRepository {
  /** One INSERT for all rows: the caller keeps each batch under PostgreSQL's 65,535 bind parameters. */
  async insertQueued(tx: EntityManager, rows: OutboxRow[]): Promise<void> {
    const values: string[] = [];
    const params: unknown[] = [];
    for (const row of rows) {
      const n = params.length;
      values.push(
        `($${n + 1}::uuid, $${n + 2}, $${n + 3}::uuid, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, ` +
          `$${n + 8}::jsonb, $${n + 9}::jsonb, $${n + 10}::jsonb, $${n + 11}, $${n + 12}::uuid, $${n + 13}::uuid, $${n + 14}, ` +
          `$${n + 15}::uuid, ` +
          `'queued', 0, now())`,
      );
      params.push(
        row.id,
        row.purpose,
        row.userId,
        row.recipient,
        row.subject,
        row.text,
        row.html,
        JSON.stringify(row.headers),
        row.calendar ? JSON.stringify(row.calendar) : null,
        JSON.stringify(row.attachments),
        row.messageId,
        row.aboutUserId,
        row.eventId,
        row.orderingKey,
        row.jobId,
      );
    }
    await tx.query(
      `INSERT INTO outbox_messages (id, purpose, user_id, recipient, subject, text_body, html_body, headers,
                                    calendar, attachments, message_id, about_user_id, event_id, ordering_key,
                                    job_id, status,
                                    attempts, next_attempt_at)
       VALUES ${values.join(', ')}`,
      params,
    );
  }

  /**
   * Deferred messages to compose, oldest first, locked for the caller's transaction (SKIP LOCKED:
   * several workers share them).
   */
  claimDeferred(tx: EntityManager, limit: number): Promise<DeferredRow[]> {
    return queryRows<DeferredRow>(
      tx,
      `SELECT id, compose FROM outbox_messages WHERE compose IS NOT NULL
        ORDER BY queue_position LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Gives deferred rows their rendered content, in one statement: they become due now. */
  async fillDeferred(tx: EntityManager, rows: Array<Omit<OutboxRow, 'messageId'>>): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE outbox_messages o
          SET recipient = f.recipient, subject = f.subject, text_body = f.text, html_body = f.html,
              headers = f.headers, calendar = f.calendar, attachments = f.attachments, compose = NULL,
              next_attempt_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, recipient text, subject text, text text, html text,
                                                 headers jsonb, calendar jsonb, attachments jsonb)
        WHERE o.id = f.id AND o.compose IS NOT NULL`,
      [JSON.stringify(rows)],
    );
  }

  /** Drops deferred rows that no longer have anyone to go to. */
  async dropDeferred(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`DELETE FROM outbox_messages WHERE id = ANY($1::uuid[]) AND compose IS NOT NULL`, [ids]);
  }

  /** Mail kept by address only (the outbox and the dev mailbox). */
  async deleteByRecipient(tx: EntityManager, email: string): Promise<void> {
    await tx.query(`DELETE FROM dev_mailbox_messages WHERE lower(recipient) = lower($1)`, [email]);
    // Mail with an owner goes with the owner's row (ON DELETE CASCADE); here, what went by address only.
    await tx.query(`DELETE FROM outbox_messages WHERE user_id IS NULL AND lower(recipient) = lower($1)`, [
      email,
    ]);
  }
}
