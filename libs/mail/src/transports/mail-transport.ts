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
