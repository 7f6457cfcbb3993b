import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { OutboxDispatcher } from '@app/mail';

/**
 * Drains the outbox: OUTBOX_LOOPS loops, each a batch at a time while there is work, then sleeping
 * OUTBOX_POLL_MS. Safe to run in any number of processes (the dispatcher claims with SKIP LOCKED).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly wakers = new Set<() => void>();

  constructor(
    @Inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    // Several loops per process (OUTBOX_LOOPS): the claim hands each its own rows (SKIP LOCKED) and
    // holds back a key's later messages while an earlier one is in flight, exactly as across processes.
    this.loops = Array.from({ length: this.env.OUTBOX_LOOPS }, () => this.run());
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakers.forEach((wake) => wake());
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.dispatcher.dispatchOnce();
      } catch (error) {
        this.logger.error(`outbox dispatch failed: ${(error as Error).message}`);
      }
      if (claimed === 0 && this.running) await this.sleep(this.env.OUTBOX_POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
