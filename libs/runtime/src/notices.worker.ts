import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { DeferredNoticesService } from '@app/events';
import { PollingLoops } from './polling-loops';

/**
 * Composes the notices RSVPs queued as intents (confirmed, waitlisted, …) after their transaction
 * committed: a batch at a time while there is work, then sleeps FANOUT_POLL_MS (the same short
 * pause as fan-out jobs, the other mail rendered after a change). Safe in any number of processes
 * (intents are claimed with SKIP LOCKED).
 */
@Injectable()
export class NoticesWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loops = new PollingLoops(new Logger(NoticesWorker.name), 'deferred notices');

  constructor(
    @Inject(DeferredNoticesService) private readonly notices: DeferredNoticesService,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.loops.start(1, this.env.FANOUT_POLL_MS, async () => (await this.notices.composeDue()) > 0);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loops.stop();
  }
}
