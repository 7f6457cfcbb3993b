import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

/** Decides how the server answers; return an SMTP code to refuse (e.g. 421 or 550). */
export type SmtpBehaviour = (
  stage: 'rcpt' | 'data',
  info: { to: string; attempt: number },
) => number | undefined;

function smtpError(code: number): Error {
  return Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
    responseCode: code,
  });
}

/** A real SMTP server on 127.0.0.1 that keeps and parses what it accepts. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  behaviour: SmtpBehaviour = () => undefined;
  private readonly attempts = new Map<string, number>();
  private readonly waiters: Array<() => void> = [];
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 20 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        const attempt = (this.attempts.get(to) ?? 0) + 1;
        this.attempts.set(to, attempt);
        const code = this.behaviour('rcpt', { to, attempt });
        callback(code ? smtpError(code) : undefined);
      },
      onData: (stream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const code = this.behaviour('data', {
            to: envelopeTo[0] ?? '',
            attempt: this.attempts.get(envelopeTo[0] ?? '') ?? 1,
          });
          if (code) return callback(smtpError(code));
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({ raw, parsed, envelopeTo });
              this.waiters.splice(0).forEach((w) => w());
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** Resolves with the first message to `address` matching `predicate`, or fails after `timeoutMs`. */
  async waitFor(
    address: string,
    predicate: (m: ReceivedMail) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
