import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/core';
import { RemindersService } from '@app/events';

/** Looks for due reminders every REMINDER_POLL_MS; the database decides what is due and what was sent. */
@Injectable()
export class RemindersWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(RemindersService) private readonly reminders: RemindersService,
    @Inject(Env) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reminders
        .runDue()
        .catch((error: Error) => this.logger.error(`reminders failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.env.REMINDER_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
