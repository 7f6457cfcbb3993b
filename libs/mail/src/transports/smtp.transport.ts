import { createTransport, Transporter } from 'nodemailer';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport, toMailOptions } from './mail-transport';

/** SMTP connections kept open to the relay when SMTP_URL does not say (nodemailer's own default is 5). */
const DEFAULT_MAX_CONNECTIONS = 8;

/** Relays through SMTP_URL with a pool of connections (SMTP_URL's maxConnections, 8 when unset). */
export class SmtpTransport extends MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    dkim?: DkimOptions,
  ) {
    super();
    let pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
    if (!/[?&]maxConnections=/.test(pooled)) pooled += `&maxConnections=${DEFAULT_MAX_CONNECTIONS}`;
    this.transporter = createTransport(pooled, dkim ? { dkim } : {});
  }

  async send(message: OutboxMessageEntity): Promise<void> {
    await this.transporter.sendMail(toMailOptions(message, this.from));
  }

  close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
