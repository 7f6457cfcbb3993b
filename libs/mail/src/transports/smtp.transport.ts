import type { Transporter } from 'nodemailer';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { DkimOptions, MailTransport } from './mail-transport';
import { MimeWriter } from './mime-writer';

/** SMTP connections kept open to the relay when SMTP_URL does not say (nodemailer's own default is 5). */
const DEFAULT_MAX_CONNECTIONS = 8;

/** Relays through SMTP_URL with a pool of connections (SMTP_URL's maxConnections, 8 when unset). */
export class SmtpTransport extends MailTransport {
  readonly name = 'smtp';
  /** Made on the first message (one pool, however many sends ask at once). */
  private transporter: Promise<Transporter> | null = null;
  private readonly writer: MimeWriter;
  private readonly pooledUrl: string;

  constructor(
    url: string,
    from: string,
    private readonly dkim?: DkimOptions,
  ) {
    super();
    this.writer = new MimeWriter(from);
    let pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
    if (!/[?&]maxConnections=/.test(pooled)) pooled += `&maxConnections=${DEFAULT_MAX_CONNECTIONS}`;
    this.pooledUrl = pooled;
  }

  async send(message: OutboxMessageEntity): Promise<void> {
    // nodemailer loaded on the first message: an api process (HEARTH_ROLE=api) never sends one.
    this.transporter ??= import('nodemailer').then((nodemailer) =>
      nodemailer.createTransport(this.pooledUrl, this.dkim ? { dkim: this.dkim } : {}),
    );
    const transporter = await this.transporter;
    // The message is written here and handed over raw; nodemailer only signs (DKIM) and relays it.
    const { envelope, raw } = this.writer.write(message);
    await transporter.sendMail({ envelope, raw });
  }

  async close(): Promise<void> {
    (await this.transporter)?.close();
  }
}
