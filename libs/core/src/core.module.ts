import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from './config/env';
import { DatabaseModule } from './database/database.module';
import { MetricsService, registerPoolGauges } from './metrics/metrics.service';
import { RateLimiterService } from './rate-limit/rate-limiter.service';
import { Clock, SystemClock } from './time/clock';

export interface CoreModuleOptions {
  env: Env;
  dataSource: DataSource;
  clock?: Clock;
}

/** Config, database, clock, rate limits and metrics: what every context needs, provided once. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [DatabaseModule.forDataSource(options.dataSource)],
      providers: [
        { provide: Env, useValue: options.env },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        RateLimiterService,
        {
          provide: MetricsService,
          useFactory: () => {
            const metrics = new MetricsService();
            registerPoolGauges(metrics, options.dataSource);
            return metrics;
          },
        },
      ],
      exports: [Env, Clock, RateLimiterService, MetricsService, DatabaseModule],
    };
  }
}
