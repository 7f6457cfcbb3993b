import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
  /** When the server accepted it (Date.now()). */
  acceptedAt: number;
}

/** Decides how the server answers; return an SMTP code to refuse (e.g. 421 or 550). */
export type SmtpBehaviour = (
  stage: 'rcpt' | 'data',
  info: { to: string; attempt: number; parsed?: ParsedMail },
) => number | undefined;

/**
 * How long the server takes to answer a message's DATA: milliseconds (a slow relay), or a promise the
 * answer waits for (a relay held until the test lets it go).
 */
export type SmtpDelay = (info: { to: string; parsed: ParsedMail }) => number | Promise<unknown>;

const waitFor = (delay: number | Promise<unknown>): Promise<unknown> =>
  typeof delay === 'number' ? new Promise((resolve) => setTimeout(resolve, delay)) : delay;

function smtpError(code: number): Error {
  return Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
    responseCode: code,
  });
}

/** A real SMTP server on 127.0.0.1 that keeps and parses what it accepts. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  behaviour: SmtpBehaviour = () => undefined;
  acceptDelay: SmtpDelay = () => 0;
  /** Messages whose DATA arrived and that have not been answered yet. */
  pending = 0;
  private readonly closed = new Set<string>();
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
      onClose: (session) => {
        this.closed.add(session.id);
      },
      onData: (stream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        this.pending++;
        const answer = (error?: Error) => {
          this.pending--;
          callback(error);
        };
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const to = envelopeTo[0] ?? '';
          simpleParser(raw)
            .then((parsed) =>
              waitFor(this.acceptDelay({ to, parsed })).then(() => {
                // A client that hung up before the answer never learnt the message was taken: like a
                // relay that had not yet queued it, keep nothing.
                if (this.closed.has(session.id)) return answer(smtpError(421));
                const code = this.behaviour('data', { to, attempt: this.attempts.get(to) ?? 1, parsed });
                if (code) return answer(smtpError(code));
                this.received.push({ raw, parsed, envelopeTo, acceptedAt: Date.now() });
                this.waiters.splice(0).forEach((w) => w());
                answer();
              }),
            )
            .catch((error: Error) => answer(error));
        });
      },
    });
    // A client killed mid-conversation (a worker SIGKILLed in a fault test) resets its connection:
    // that is the client's failure, not the server's, so it must not take the test process down.
    this.server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
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
