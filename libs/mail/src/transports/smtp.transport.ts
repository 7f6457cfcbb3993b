import { createTransport, Transporter } from 'nodemailer';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport, toMailOptions } from './mail-transport';

/** Relays through SMTP_URL with a small connection pool. */
export class SmtpTransport extends MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    dkim?: DkimOptions,
  ) {
    super();
    const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
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
