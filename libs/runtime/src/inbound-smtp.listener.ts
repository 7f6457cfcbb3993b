import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type {
  SMTPServerAddress,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server';
import { ConfigError, Env } from '@app/core';
import { InboundService } from '@app/inbound';

type SmtpError = Error & { responseCode: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/** True when `address` is at the inbound domain (case-insensitive, trailing dot ignored). */
export function isInboundAddress(address: string, domain: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const norm = (d: string) => d.trim().replace(/\.$/, '').toLowerCase();
  return norm(address.slice(at + 1)) === norm(domain);
}

/** The SIZE= of MAIL FROM (RFC 1870), when given; smtp-server has checked it is 1 to 20 digits. */
export function declaredSize(address: SMTPServerAddress): number | null {
  const args = address.args as { SIZE?: unknown } | false | undefined;
  const size = args ? args.SIZE : undefined;
  return typeof size === 'string' && /^\d{1,20}$/.test(size) ? Number(size) : null;
}

/**
 * The built-in SMTP server that receives calendar replies (MX of INBOUND_DOMAIN, or a relay's
 * forward). It accepts mail for the inbound domain only (no relaying, no AUTH), bounds size and
 * recipients, and answers 250 only once the message is stored: a refusal is logged, not bounced (no
 * backscatter to forged senders), a message over the size limit is logged and refused with 552 (at
 * MAIL FROM when its SIZE says so, after DATA otherwise), and a message that cannot be stored gets
 * 451 so the sender retries.
 */
@Injectable()
export class InboundSmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpListener.name);
  private server?: import('smtp-server').SMTPServer;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The bound port once listening (INBOUND_SMTP_PORT=0 picks a free one), else null. */
  port: number | null = null;

  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(InboundService) private readonly inbound: InboundService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.INBOUND_SMTP_ENABLED !== 'true') return;
    // Loaded only when the listener is on: smtp-server costs memory in every process that imports it.
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer(this.options());
    server.on('error', (error: Error) => this.logger.warn(`inbound SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `The inbound SMTP listener cannot listen on ${this.env.INBOUND_SMTP_HOST}:${this.env.INBOUND_SMTP_PORT} ` +
              `(${error.code ?? error.message}); set INBOUND_SMTP_PORT, or INBOUND_SMTP_ENABLED=false`,
          ),
        );
      server.server.once('error', onError);
      server.listen(this.env.INBOUND_SMTP_PORT, this.env.INBOUND_SMTP_HOST, () => {
        server.server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    this.logger.log(`inbound SMTP listening on ${this.env.INBOUND_SMTP_HOST}:${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    // Messages being stored finish before the database pool closes.
    await Promise.allSettled([...this.inFlight]);
    this.port = null;
  }

  private options(): SMTPServerOptions {
    const env = this.env;
    const tls = this.tls();
    return {
      name: env.INBOUND_DOMAIN,
      banner: 'Hearth inbound',
      logger: false,
      size: env.INBOUND_MAX_BYTES,
      // smtp-server would refuse a SIZE over the limit itself, before onMailFrom, leaving no log row;
      // so EHLO says SIZE without a number (RFC 1870 §4 allows it) and onMailFrom checks and logs.
      hideSize: true,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      hideSTARTTLS: !tls,
      ...(tls ?? {}),
      disableReverseLookup: true,
      maxClients: env.INBOUND_SMTP_MAX_CLIENTS,
      socketTimeout: 60_000,
      closeTimeout: 10_000,
      onMailFrom: (address, _session, callback) => {
        const declared = declaredSize(address);
        if (declared === null || declared <= env.INBOUND_MAX_BYTES) return callback();
        this.track(
          this.inbound
            .refuseUnsent({
              channel: 'smtp',
              envelopeFrom: address.address || null,
              envelopeTo: [],
              size: declared,
              sizeBasis: 'smtp_size',
            })
            .then(
              () => callback(this.tooLarge()),
              () => callback(smtpError(451, '4.3.0 Temporary failure, please try again later')),
            ),
        );
      },
      onRcptTo: (address, session, callback) => {
        if (!isInboundAddress(address.address, env.INBOUND_DOMAIN))
          return callback(smtpError(550, '5.7.1 Relaying denied: this server only accepts calendar replies'));
        if (session.envelope.rcptTo.length >= env.INBOUND_SMTP_MAX_RECIPIENTS)
          return callback(smtpError(452, '4.5.3 Too many recipients'));
        callback();
      },
      onData: (stream, session, callback) => {
        this.track(
          this.onData(stream, session).then(
            () => callback(),
            (error: SmtpError) => callback(error),
          ),
        );
      },
    };
  }

  /** Work that writes to the database finishes before shutdown closes the pool. */
  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private tooLarge(): SmtpError {
    return smtpError(552, `5.3.4 Message exceeds the maximum size of ${this.env.INBOUND_MAX_BYTES} bytes`);
  }

  /**
   * Buffers up to one byte over the limit (so the pipeline sees it is too large) and counts the rest
   * to the end of DATA, so an oversized message is logged with its real size; then stores.
   */
  private async onData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const limit = this.env.INBOUND_MAX_BYTES + 1;
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (kept >= limit) return;
        const part = chunk.subarray(0, limit - kept);
        chunks.push(part);
        kept += part.length;
      });
      stream.once('end', () => resolve());
      stream.once('error', reject);
    });
    const mailFrom = session.envelope.mailFrom;
    try {
      await this.inbound.receive(Buffer.concat(chunks, kept), {
        channel: 'smtp',
        envelopeFrom: mailFrom ? mailFrom.address : null,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        size,
      });
    } catch {
      throw smtpError(451, '4.3.0 Temporary failure, please try again later');
    }
    // Over the limit: logged above as too_large, and refused so the sender knows it was not delivered.
    if (size > this.env.INBOUND_MAX_BYTES) throw this.tooLarge();
  }

  /** STARTTLS only when both files are configured; one without the other is a configuration error. */
  private tls(): { key: Buffer; cert: Buffer } | null {
    const { INBOUND_SMTP_TLS_KEY: key, INBOUND_SMTP_TLS_CERT: cert } = this.env;
    if (!key && !cert) return null;
    if (!key || !cert)
      throw new ConfigError(['INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT must be set together']);
    try {
      return { key: readFileSync(key), cert: readFileSync(cert) };
    } catch {
      throw new ConfigError(['INBOUND_SMTP_TLS_KEY or INBOUND_SMTP_TLS_CERT cannot be read']);
    }
  }
}
