import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '@app/core';
import { OutboxAttachment, OutboxCalendar } from './outbox-message.entity';

const INSERT_CHUNK = 1000;

export interface OutgoingMail {
  purpose: string;
  to: string;
  userId?: string | null;
  /** Another person the mail names (deleting them deletes the mail). */
  aboutUserId?: string | null;
  /** The event the mail is about, if any (shown in the dev mailbox). */
  eventId?: string | null;
  /**
   * Mails with the same key leave in the order they were queued: a later one is not handed to the
   * transport until the earlier ones were accepted or failed for good (per person and event, so
   * their calendar sees SEQUENCE grow). Unset: no order with other mail.
   */
  orderingKey?: string | null;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  calendar?: OutboxCalendar;
  attachments?: OutboxAttachment[];
}

/**
 * Writes mail to the outbox inside the caller's transaction, so a change and the mail it causes
 * commit or roll back together. Sending happens later, in the worker.
 */
@Injectable()
export class OutboxService {
  constructor(@Inject(Env) private readonly env: Env) {}

  async enqueue(tx: EntityManager, ...mails: OutgoingMail[]): Promise<string[]> {
    const ids: string[] = [];
    // PostgreSQL takes at most 65,535 bind parameters per statement: insert in chunks.
    for (let i = 0; i < mails.length; i += INSERT_CHUNK) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (const mail of mails.slice(i, i + INSERT_CHUNK)) {
        const id = randomUUID();
        ids.push(id);
        const n = params.length;
        values.push(
          `($${n + 1}::uuid, $${n + 2}, $${n + 3}::uuid, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, ` +
            `$${n + 8}::jsonb, $${n + 9}::jsonb, $${n + 10}::jsonb, $${n + 11}, $${n + 12}::uuid, $${n + 13}::uuid, $${n + 14}, ` +
            `'queued', 0, now())`,
        );
        params.push(
          id,
          mail.purpose,
          mail.userId ?? null,
          mail.to,
          mail.subject,
          mail.text,
          mail.html ?? null,
          JSON.stringify(mail.headers ?? {}),
          mail.calendar ? JSON.stringify(mail.calendar) : null,
          JSON.stringify(mail.attachments ?? []),
          // Derived from the row id: a resend after a crash carries the same Message-ID, so the
          // receiving side can recognise the duplicate.
          `<${id}@${this.env.INBOUND_DOMAIN}>`,
          mail.aboutUserId ?? null,
          mail.eventId ?? null,
          mail.orderingKey ?? null,
        );
      }
      await tx.query(
        `INSERT INTO outbox_messages (id, purpose, user_id, recipient, subject, text_body, html_body, headers,
                                      calendar, attachments, message_id, about_user_id, event_id, ordering_key,
                                      status,
                                      attempts, next_attempt_at)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
    return ids;
  }

  /** Mail kept by address only (the outbox and the dev mailbox): an erased person's goes with them. */
  async forgetRecipient(tx: EntityManager, email: string): Promise<void> {
    await tx.query(`DELETE FROM dev_mailbox_messages WHERE lower(recipient) = lower($1)`, [email]);
    await tx.query(`DELETE FROM outbox_messages WHERE lower(recipient) = lower($1)`, [email]);
  }
}
