import type { Transporter } from 'nodemailer';
import { Repository } from 'typeorm';
import { DevMailboxMessageEntity } from '../dev-mailbox/dev-mailbox-message.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport } from './mail-transport';
import { MimeWriter } from './mime-writer';

/**
 * Used when no SMTP_URL is configured: writes the exact MIME an SMTP relay would get (MimeWriter, then
 * nodemailer's DKIM signing) and keeps it in PostgreSQL (not memory, so every process sees the same
 * mailbox).
 */
export class DevMailboxTransport extends MailTransport {
  readonly name = 'dev-mailbox';
  /** Made on the first message. */
  private composer: Promise<Transporter> | null = null;
  private readonly writer: MimeWriter;

  constructor(
    private readonly mailbox: Repository<DevMailboxMessageEntity>,
    from: string,
    private readonly dkim?: DkimOptions,
  ) {
    super();
    this.writer = new MimeWriter(from);
  }

  async send(message: OutboxMessageEntity): Promise<void> {
    // nodemailer loaded on the first message: an api process (HEARTH_ROLE=api) never sends one.
    this.composer ??= import('nodemailer').then((nodemailer) =>
      nodemailer.createTransport(
        { streamTransport: true, buffer: true, newline: 'windows' },
        this.dkim ? { dkim: this.dkim } : {},
      ),
    );
    const composer = await this.composer;
    const info = (await composer.sendMail(this.writer.write(message))) as { message: Buffer };
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
