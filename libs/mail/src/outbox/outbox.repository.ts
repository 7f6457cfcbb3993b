import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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

  /** Mail kept by address only (the outbox and the dev mailbox). */
  async deleteByRecipient(tx: EntityManager, email: string): Promise<void> {
    await tx.query(`DELETE FROM dev_mailbox_messages WHERE lower(recipient) = lower($1)`, [email]);
    await tx.query(`DELETE FROM outbox_messages WHERE lower(recipient) = lower($1)`, [email]);
  }
}
