import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from './config/env';
import { SchemaDefinition } from './database/data-source-options';
import { typeOrmRoot } from './database/typeorm-root';
import { MetricsService, registerPoolGauges } from './metrics/metrics.service';
import { RateLimitRepository } from './rate-limit/rate-limit.repository';
import { RateLimiterService } from './rate-limit/rate-limiter.service';
import { Clock, SystemClock } from './time/clock';

export interface CoreModuleOptions {
  env: Env;
  /** From the bootstrap: DATABASE_URL, or the embedded PostgreSQL's. */
  databaseUrl: string;
  schema: SchemaDefinition;
  clock?: Clock;
}

/** Config, database, clock, rate limits and metrics: what every context needs, provided once. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [typeOrmRoot(options.databaseUrl, options.schema)],
      providers: [
        { provide: Env, useValue: options.env },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        RateLimitRepository,
        RateLimiterService,
        {
          provide: MetricsService,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => {
            const metrics = new MetricsService();
            registerPoolGauges(metrics, dataSource);
            return metrics;
          },
        },
      ],
      exports: [Env, Clock, RateLimiterService, MetricsService],
    };
  }
}
