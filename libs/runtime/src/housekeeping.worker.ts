import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RateLimiterService } from '@app/core';

/** Hourly clean-up of expired rate-limit windows. */
@Injectable()
export class HousekeepingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HousekeepingWorker.name);
  private timer?: NodeJS.Timeout;

  constructor(@Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.rateLimiter.prune().catch((error: Error) => this.logger.warn(`prune failed: ${error.message}`));
    }, 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
