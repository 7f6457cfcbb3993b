import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@app/core';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';

interface Backlog {
  depth: number;
  oldestAgeSeconds: number;
}

/**
 * Outbox gauges read at scrape time with one query over the unsettled rows (both partial indexes,
 * IDX_outbox_messages_due and IDX_outbox_messages_pending_created_at, cover exactly those rows).
 * The two gauges are collected side by side in one scrape and share the query in flight.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  private reading?: Promise<Backlog>;

  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(OutboxDispatchRepository) private readonly outbox: OutboxDispatchRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.scrapeGauge(
      'hearth_outbox_depth',
      'Outbox messages not yet settled (queued, sending or retrying)',
      async () => (await this.backlog()).depth,
    );
    this.metrics.scrapeGauge(
      'hearth_outbox_oldest_age_seconds',
      'Age of the oldest unsettled outbox message (0 when none)',
      async () => (await this.backlog()).oldestAgeSeconds,
    );
  }

  backlog(): Promise<Backlog> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<Backlog> {
    const row = await this.outbox.backlog();
    return { depth: row.depth, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }
}
