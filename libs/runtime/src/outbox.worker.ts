import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { OutboxDispatcher } from '@app/mail';
import { PollingLoops } from './polling-loops';

/**
 * Drains the outbox: OUTBOX_LOOPS loops, each a batch at a time while there is work, then sleeping
 * OUTBOX_POLL_MS. Safe to run in any number of processes (the dispatcher claims with SKIP LOCKED).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loops = new PollingLoops(new Logger(OutboxWorker.name), 'outbox dispatch');

  constructor(
    @Inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    // Several loops per process (OUTBOX_LOOPS): the claim hands each its own rows (SKIP LOCKED) and
    // holds back a key's later messages while an earlier one is in flight, exactly as across processes.
    this.loops.start(
      this.env.OUTBOX_LOOPS,
      this.env.OUTBOX_POLL_MS,
      async () => (await this.dispatcher.dispatchOnce()) > 0,
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.loops.stop();
  }
}
