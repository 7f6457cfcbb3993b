import type Mail from 'nodemailer/lib/mailer';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';

/** DKIM signing of every outgoing message (covers List-Unsubscribe, as RFC 8058 asks). */
export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** Where the worker hands a message. Thin on purpose: rendering happened before the outbox. */
export abstract class MailTransport {
  abstract readonly name: 'smtp' | 'dev-mailbox';
  abstract send(message: OutboxMessageEntity): Promise<void>;
  abstract close(): Promise<void>;
}

/** The nodemailer message for an outbox row; both transports compose MIME through this. */
export function toMailOptions(row: OutboxMessageEntity, from: string): Mail.Options {
  const options: Mail.Options = {
    from,
    to: row.recipient,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody ?? undefined,
    messageId: row.messageId,
    headers: row.headers,
    attachments: row.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  };
  if (row.calendar) {
    options.icalEvent = {
      method: row.calendar.method,
      filename: row.calendar.filename,
      content: row.calendar.content,
    };
  }
  return options;
}
