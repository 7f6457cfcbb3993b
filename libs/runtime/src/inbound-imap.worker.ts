import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { ImapMailboxClient, imapSettingsFromUrl, InboundService, pollMailboxOnce } from '@app/inbound';

/** Builds the IMAP client; replaced in tests. */
export type ImapClientFactory = (
  settings: ReturnType<typeof imapSettingsFromUrl>,
) => ImapMailboxClient | Promise<ImapMailboxClient>;

export const IMAP_CLIENT_FACTORY = Symbol('IMAP_CLIENT_FACTORY');

/** imapflow loads on the first poll (only with IMAP_URL), not at start: it costs memory in every process. */
export const imapFlowFactory: ImapClientFactory = async (s) => {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({ host: s.host, port: s.port, secure: s.secure, auth: s.auth, logger: false });
};

/**
 * Optional: when IMAP_URL is set, polls that mailbox every IMAP_POLL_MS for unseen messages and feeds
 * them through the inbound pipeline (for deployments whose replies land in a hosted mailbox instead of
 * reaching the SMTP listener). A fresh connection per poll keeps a dropped session from wedging it.
 */
@Injectable()
export class InboundImapWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundImapWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(InboundService) private readonly inbound: InboundService,
    @Inject(IMAP_CLIENT_FACTORY) private readonly factory: ImapClientFactory,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.IMAP_URL) return;
    this.running = true;
    this.loop = this.run(this.env.IMAP_URL);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One connection, one poll, logout. Exposed for tests. */
  async pollOnce(url: string): Promise<void> {
    const settings = imapSettingsFromUrl(url);
    const client = await this.factory(settings);
    await client.connect();
    try {
      const summary = await pollMailboxOnce(
        client,
        settings.mailbox,
        (raw, meta) => this.inbound.receive(raw, meta),
        { maxBytes: this.env.INBOUND_MAX_BYTES, batch: 200 },
      );
      if (summary.failed > 0)
        this.logger.warn(`IMAP poll: ${summary.failed} message(s) left for the next poll`);
    } finally {
      await client.logout().catch(() => undefined);
    }
  }

  private async run(url: string): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce(url);
      } catch (error) {
        // The message names the failure, never the URL (it holds the password).
        this.logger.error(`IMAP poll failed: ${(error as Error).message}`);
      }
      if (this.running) await this.sleep(this.env.IMAP_POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
