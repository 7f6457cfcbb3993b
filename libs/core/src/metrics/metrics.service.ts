import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A value read when Prometheus scrapes, not kept up to date on every request. */
export type ScrapeReading = () => Promise<number> | number;

/**
 * This process's metrics, in a registry of its own (not prom-client's global one) so that several
 * Hearth instances in one process (the e2e tests) never share or collide. Counters are incremented
 * where an outcome is decided; gauges that need the database read it at scrape time. Labels hold
 * bounded values only (route patterns, enum members), never ids, addresses or tokens.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'hearth_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'hearth_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly outboxSends = new Counter({
    name: 'hearth_outbox_sends_total',
    help: 'Outbox send attempts, by result (sent, retrying, failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly mailQueued = new Counter({
    name: 'hearth_mail_queued_total',
    help: 'Event messages queued by invitation fan-out, by kind (invitation, update, cancellation, reminder, …)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly inboundMessages = new Counter({
    name: 'hearth_inbound_messages_total',
    help: 'Inbound messages, by channel, outcome (duplicate for a Message-ID seen before) and reason',
    labelNames: ['channel', 'outcome', 'reason'] as const,
    registers: [this.registry],
  });

  readonly rsvpChanges = new Counter({
    name: 'hearth_rsvp_changes_total',
    help: 'RSVP changes written, by source (web, link, calendar, organizer; a waitlist promotion counts under the source that freed the seat) and new status',
    labelNames: ['source', 'status'] as const,
    registers: [this.registry],
  });

  readonly rsvpAnswersPerWrite = new Histogram({
    name: 'hearth_rsvp_answers_per_write',
    help: 'Answers written by one guarded statement: answers to one event that arrive while a write for it is in flight go together in the next',
    buckets: [1, 2, 4, 8, 16, 32],
    registers: [this.registry],
  });

  readonly rsvpDecidedAgain = new Counter({
    name: 'hearth_rsvp_decided_again_total',
    help: 'Answers first decided on a read and then decided again in a transaction under the event lock: changed (what the decision rested on had changed by the write) or more (the answer needs more than one statement: a waitlist promotion, the code of conduct on the membership)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly httpCache = new Counter({
    name: 'hearth_http_cache_total',
    help: 'Rendered responses asked of the in-memory cache, by view (feed, listing, event) and result (hit, miss, stale: a going count it showed had moved, bypass: no budget)',
    labelNames: ['view', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Process memory, CPU, handles and event-loop lag (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge whose value is read at scrape time. */
  scrapeGauge(name: string, help: string, read: ScrapeReading): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** The Prometheus text exposition of everything above. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function isPool(value: unknown): value is PoolCounts {
  return typeof value === 'object' && value !== null && typeof (value as PoolCounts).totalCount === 'number';
}

/** Gauges of the pg pool behind TypeORM's PostgreSQL driver (its `master` pool), read at scrape time. */
export function registerPoolGauges(metrics: MetricsService, dataSource: DataSource): void {
  const pool = (): PoolCounts | null => {
    const master: unknown = (dataSource.driver as { master?: unknown }).master;
    return isPool(master) ? master : null;
  };
  metrics.scrapeGauge(
    'hearth_db_pool_connections',
    'Connections open in the database pool',
    () => pool()?.totalCount ?? 0,
  );
  metrics.scrapeGauge(
    'hearth_db_pool_idle',
    'Idle connections in the database pool',
    () => pool()?.idleCount ?? 0,
  );
  metrics.scrapeGauge(
    'hearth_db_pool_waiting',
    'Queries waiting for a database connection',
    () => pool()?.waitingCount ?? 0,
  );
}
