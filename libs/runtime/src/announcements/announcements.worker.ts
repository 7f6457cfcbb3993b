import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { AnnouncementsDelivery } from './announcements-delivery';

/**
 * Mails group announcements every REMINDER_POLL_MS (the schedules' poll, as reminders): the database
 * decides who is due and records what was sent, so any number of workers may run it.
 */
@Injectable()
export class AnnouncementsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnnouncementsWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(AnnouncementsDelivery) private readonly delivery: AnnouncementsDelivery,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.delivery
        .runOnce()
        .catch((error: Error) => this.logger.error(`announcements failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.env.REMINDER_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
