import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '@app/core';
import { InboundRepository } from '@app/inbound';

const EVERY_MS = 60 * 60 * 1000;

/** Hourly: stored raw messages older than INBOUND_RAW_RETENTION_DAYS are cleared (the log rows stay). */
@Injectable()
export class InboundRetentionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundRetentionWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Env) private readonly env: Env,
    @Inject(InboundRepository) private readonly inboundRepository: InboundRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<void> {
    this.running ??= this.inboundRepository
      .clearOldRaw(this.dataSource, this.env.INBOUND_RAW_RETENTION_DAYS)
      .then((n) => {
        if (n > 0) this.logger.log(`cleared ${n} stored inbound message(s) past retention`);
      })
      .catch((error: Error) => this.logger.error(`inbound retention failed: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
