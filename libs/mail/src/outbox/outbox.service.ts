import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '@app/core';
import { OutboxAttachment, OutboxCalendar, OutboxMessageEntity } from './outbox-message.entity';

const INSERT_CHUNK = 1000;

export interface OutgoingMail {
  purpose: string;
  to: string;
  userId?: string | null;
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
    if (mails.length === 0) return [];
    const rows = mails.map((mail) => {
      const id = randomUUID();
      return tx.create(OutboxMessageEntity, {
        id,
        purpose: mail.purpose,
        userId: mail.userId ?? null,
        recipient: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html ?? null,
        headers: mail.headers ?? {},
        calendar: mail.calendar ?? null,
        attachments: mail.attachments ?? [],
        // Derived from the row id: a resend after a crash carries the same Message-ID, so the
        // receiving side can recognise the duplicate.
        messageId: `<${id}@${this.env.INBOUND_DOMAIN}>`,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: new Date(),
      });
    });
    // PostgreSQL takes at most 65,535 bind parameters per statement: insert in chunks.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await tx.insert(OutboxMessageEntity, rows.slice(i, i + INSERT_CHUNK));
    return rows.map((r) => r.id);
  }
}
