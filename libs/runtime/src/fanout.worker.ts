import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { FanoutService } from '@app/events';
import { PollingLoops } from './polling-loops';

/**
 * Runs fan-out jobs: claims a batch, runs it, again while there is work, then sleeps FANOUT_POLL_MS.
 * Safe in any number of processes (batches are key ranges claimed under a lease, jobs locked with
 * SKIP LOCKED while a range is handed out). A failed run gives its batch back with the error.
 */
@Injectable()
export class FanoutWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loops = new PollingLoops(new Logger(FanoutWorker.name), 'fan-out batch');

  constructor(
    @Inject(FanoutService) private readonly fanout: FanoutService,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.loops.start(1, this.env.FANOUT_POLL_MS, () => this.tick());
  }

  onApplicationShutdown(): Promise<void> {
    return this.loops.stop();
  }

  /** One claim and, when it hands out a batch, its run; whether there was work. */
  private async tick(): Promise<boolean> {
    const claimed = await this.fanout.claim();
    if (claimed === null) return false;
    if (claimed === 'progress') return true;
    await this.fanout.runBatch(claimed).catch(async (error: Error) => {
      await this.fanout.release(claimed, error.message).catch(() => undefined);
      throw error;
    });
    return true;
  }
}
