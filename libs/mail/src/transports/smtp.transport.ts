import { createTransport, Transporter } from 'nodemailer';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport } from './mail-transport';
import { MimeWriter } from './mime-writer';

/** SMTP connections kept open to the relay when SMTP_URL does not say (nodemailer's own default is 5). */
const DEFAULT_MAX_CONNECTIONS = 8;

/** Relays through SMTP_URL with a pool of connections (SMTP_URL's maxConnections, 8 when unset). */
export class SmtpTransport extends MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;
  private readonly writer: MimeWriter;

  constructor(url: string, from: string, dkim?: DkimOptions) {
    super();
    this.writer = new MimeWriter(from);
    let pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
    if (!/[?&]maxConnections=/.test(pooled)) pooled += `&maxConnections=${DEFAULT_MAX_CONNECTIONS}`;
    this.transporter = createTransport(pooled, dkim ? { dkim } : {});
  }

  async send(message: OutboxMessageEntity): Promise<void> {
    // The message is written here and handed over raw; nodemailer only signs (DKIM) and relays it.
    const { envelope, raw } = this.writer.write(message);
    await this.transporter.sendMail({ envelope, raw });
  }

  close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
