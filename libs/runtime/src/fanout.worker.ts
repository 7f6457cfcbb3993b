import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { FanoutService } from '@app/events';

/**
 * Runs fan-out jobs: claims a batch, runs it, again while there is work, then sleeps FANOUT_POLL_MS.
 * Safe in any number of processes (batches are key ranges claimed under a lease, jobs locked with
 * SKIP LOCKED while a range is handed out).
 */
@Injectable()
export class FanoutWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FanoutWorker.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    @Inject(FanoutService) private readonly fanout: FanoutService,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        const claimed = await this.fanout.claim();
        if (claimed === 'progress') worked = true;
        else if (claimed) {
          await this.fanout.runBatch(claimed).catch(async (error: Error) => {
            await this.fanout.release(claimed, error.message).catch(() => undefined);
            throw error;
          });
          worked = true;
        }
      } catch (error) {
        this.logger.error(`fan-out batch failed: ${(error as Error).message}`);
      }
      if (!worked && this.running) await this.sleep(this.env.FANOUT_POLL_MS);
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
