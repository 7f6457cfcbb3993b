import type { INestApplicationContext, LogLevel } from '@nestjs/common';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { Env, LogDestination, MetricsService, REDACTED_PATHS, pinoLevel } from '@app/core';
import { startMetricsServer } from './metrics-server';

/** A started Hearth process, whichever app composed it: what `runHearthProcess` reports and stops. */
export interface RunningHearth {
  /** Where the API listens (only when the role serves HTTP). */
  url: string | null;
  /** Where METRICS_PORT serves /metrics (only when it is set). */
  metricsUrl: string | null;
  /** Set on the very first start: the owner's one-time sign-in link. */
  ownerSignIn: { email: string; link: string } | null;
  close(): Promise<void>;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's log levels for LOG_LEVEL, unless the caller (a test) names its own. */
export function nestLogLevels(env: Env, override?: LogLevel[]): LogLevel[] {
  return override ?? LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1);
}

/** Fastify's pino options: one JSON line per event, secrets redacted, to LOG_FILE when set. */
export function pinoOptions(levels: LogLevel[], destination: LogDestination) {
  return {
    level: pinoLevel(levels),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(destination.stream ? { stream: destination.stream } : {}),
  };
}

/** Runs the lifecycle hooks; one that failed (a listener that cannot bind) must not leave the others' loops running. */
export async function initOrUnwind(app: INestApplicationContext, dataSource: DataSource): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}

/** METRICS_PORT, when set: /metrics on loopback. A port that cannot be bound stops the start. */
export async function serveMetrics(
  app: INestApplicationContext,
  dataSource: DataSource,
  port: number | undefined,
): Promise<{ server: Server | null; url: string | null }> {
  if (port === undefined) return { server: null, url: null };
  let server: Server;
  try {
    server = await startMetricsServer(app.get(MetricsService), port);
  } catch (error) {
    await app.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}` };
}

/** Stops a started process once: the metrics endpoint, then Nest (HTTP, loops), the pool, the log file. */
export function closeOnce(
  app: INestApplicationContext,
  dataSource: DataSource,
  destination: LogDestination,
  metricsServer: Server | null,
): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    if (metricsServer) {
      const stopping = metricsServer;
      stopping.closeAllConnections();
      await new Promise<void>((resolve) => stopping.close(() => resolve()));
    }
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    destination.close();
  };
}
