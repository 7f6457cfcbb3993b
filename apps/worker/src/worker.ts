import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Env, PinoNestLogger, logDestination } from '@app/core';
import {
  RunningHearth,
  closeOnce,
  initOrUnwind,
  nestLogLevels,
  pinoOptions,
  serveMetrics,
} from '@app/runtime';
import { WorkerAppModule } from './worker.module';

/**
 * Starts a worker-only process on a database: migrate, compose the shared modules with the background
 * loops, run them. It serves no HTTP (METRICS_PORT is its only port); Fastify's pino is its logger,
 * so its log lines are the api's.
 */
export async function startWorker(env: Env, databaseUrl: string): Promise<RunningHearth> {
  const destination = logDestination(env);
  const adapter = new FastifyAdapter({ logger: pinoOptions(nestLogLevels(env), destination) });
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerAppModule.forRoot({ env, databaseUrl }),
    adapter,
    { logger: new PinoNestLogger(adapter.getInstance().log), abortOnError: false, bodyParser: false },
  );
  // Opened and migrated (under the advisory lock) by TypeOrmModule while the modules were created.
  const dataSource = app.get(DataSource);
  await initOrUnwind(app, dataSource);
  const metrics = await serveMetrics(app, dataSource, env.METRICS_PORT);
  return {
    url: null,
    metricsUrl: metrics.url,
    ownerSignIn: null,
    close: closeOnce(app, dataSource, destination, metrics.server),
  };
}
