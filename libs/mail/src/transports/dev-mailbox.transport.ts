import { createTransport, Transporter } from 'nodemailer';
import { Repository } from 'typeorm';
import { DevMailboxMessageEntity } from '../dev-mailbox/dev-mailbox-message.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport, toMailOptions } from './mail-transport';

/**
 * Used when no SMTP_URL is configured: composes the exact MIME an SMTP relay would get and keeps it
 * in PostgreSQL (not memory, so every process sees the same mailbox).
 */
export class DevMailboxTransport extends MailTransport {
  readonly name = 'dev-mailbox';
  private readonly composer: Transporter;

  constructor(
    private readonly mailbox: Repository<DevMailboxMessageEntity>,
    private readonly from: string,
    dkim?: DkimOptions,
  ) {
    super();
    this.composer = createTransport(
      { streamTransport: true, buffer: true, newline: 'windows' },
      dkim ? { dkim } : {},
    );
  }

  async send(message: OutboxMessageEntity): Promise<void> {
    const info = (await this.composer.sendMail(toMailOptions(message, this.from))) as { message: Buffer };
    await this.mailbox.insert({
      outboxId: message.id,
      messageId: message.messageId,
      recipient: message.recipient,
      subject: message.subject,
      raw: info.message.toString('utf8'),
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
