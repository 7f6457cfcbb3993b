import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '@app/core';
import { OutboxAttachment, OutboxCalendar } from './outbox-message.entity';
import { DeferredRow, OutboxRepository, OutboxRow } from './outbox.repository';

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
  /** The fan-out job that queued the mail (its progress counts sent/failed from the outbox). */
  jobId?: string | null;
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
  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(OutboxRepository) private readonly repository: OutboxRepository,
  ) {}

  async enqueue(tx: EntityManager, ...mails: OutgoingMail[]): Promise<string[]> {
    const ids: string[] = [];
    // PostgreSQL takes at most 65,535 bind parameters per statement: insert in chunks.
    for (let i = 0; i < mails.length; i += INSERT_CHUNK) {
      const rows: OutboxRow[] = mails.slice(i, i + INSERT_CHUNK).map((mail) => {
        const id = randomUUID();
        ids.push(id);
        // The Message-ID is derived from the row id: a resend after a crash carries the same one,
        // so the receiving side can recognise the duplicate.
        return { ...outboxFields(id, mail), messageId: `<${id}@${this.env.INBOUND_DOMAIN}>` };
      });
      await this.repository.insertQueued(tx, rows);
    }
    return ids;
  }

  /**
   * Deferred messages (queued with insertDeferredSql, as intents) to compose now, oldest first,
   * locked for the caller's transaction; the caller fills or drops each before it commits.
   */
  claimDeferred(tx: EntityManager, limit: number): Promise<DeferredRow[]> {
    return this.repository.claimDeferred(tx, limit);
  }

  /** Composed content for claimed deferred messages: they become due for sending as they are. */
  async fillDeferred(tx: EntityManager, filled: Array<{ id: string; mail: OutgoingMail }>): Promise<void> {
    await this.repository.fillDeferred(
      tx,
      filled.map(({ id, mail }) => outboxFields(id, mail)),
    );
  }

  /** Claimed deferred messages that no longer go to anyone (invitation withdrawn, person banned). */
  dropDeferred(tx: EntityManager, ids: string[]): Promise<void> {
    return this.repository.dropDeferred(tx, ids);
  }

  /** Mail kept by address only (the outbox and the dev mailbox): an erased person's goes with them. */
  async forgetRecipient(tx: EntityManager, email: string): Promise<void> {
    await this.repository.deleteByRecipient(tx, email);
  }
}

/** An outbox row's columns for a mail, but its Message-ID (set once, when the row is first queued). */
function outboxFields(id: string, mail: OutgoingMail): Omit<OutboxRow, 'messageId'> {
  return {
    id,
    purpose: mail.purpose,
    userId: mail.userId ?? null,
    recipient: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    headers: mail.headers ?? {},
    calendar: mail.calendar ?? null,
    attachments: mail.attachments ?? [],
    aboutUserId: mail.aboutUserId ?? null,
    eventId: mail.eventId ?? null,
    orderingKey: mail.orderingKey ?? null,
    jobId: mail.jobId ?? null,
  };
}
