import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  Clock,
  Env,
  MetricsService,
  PinoNestLogger,
  REDACTED_PATHS,
  logDestination,
  pinoLevel,
  requestIdFrom,
} from '@app/core';
import { OwnerBootstrapService } from '@app/identity';
import { AppModule } from './app.module';
import { registerApiRequestPolicy } from './http/api-request-policy';
import { registerCompression } from './http/compression';
import { createOpenApiDocument } from './http/openapi';
import { ErrorFilter } from './http/error.filter';
import { ReadRetryInterceptor } from './http/read-retry.interceptor';
import { INPUT_LIMITS, frameworkErrorHandler, registerInputLimits } from './http/input-limits';
import { registerSecurityHeaders, securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { registerRawMailBody } from './inbound/raw-mail-body';
import { registerHttpMetrics, startMetricsServer } from './metrics/http-metrics';
import { registerRequestLogging } from './http/request-logging';
import { registerAdminApp } from './pages/admin-app';

export interface HearthServer {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** Where the API listens (only when the role serves HTTP). */
  url: string | null;
  /** Where METRICS_PORT serves /metrics (only when it is set). */
  metricsUrl: string | null;
  /** Set on the very first start: the owner's one-time sign-in link. */
  ownerSignIn: { email: string; link: string } | null;
  close(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  databaseUrl: string;
  clock?: Clock;
  /** Nest log levels; tests pass ['error']. */
  logLevels?: LogLevel[];
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts Hearth on a database: open and migrate it (TypeOrmModule, in CoreModule), compose modules for the role, configure HTTP (validation,
 * errors, cookies, helmet, OpenAPI), listen. main.ts and the e2e tests both start Hearth through here.
 */
export async function startHearth(options: StartOptions): Promise<HearthServer> {
  const { env } = options;
  const levels = options.logLevels ?? LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1);
  const destination = logDestination(env);
  const adapter = new FastifyAdapter({
    // One JSON line per event through Fastify's pino; Nest's Logger writes through it too.
    logger: {
      level: pinoLevel(levels),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(destination.stream ? { stream: destination.stream } : {}),
    },
    // Our own line per request (registerRequestLogging) names the route pattern, never the URL.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(request.headers['x-request-id'], randomUUID),
    trustProxy: env.trustProxy,
    bodyLimit: INPUT_LIMITS.bodyBytes,
    routerOptions: { maxParamLength: 300 },
    frameworkErrors: frameworkErrorHandler(securityHeaders()),
  });
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ env, databaseUrl: options.databaseUrl, clock: options.clock }),
      adapter,
      {
        logger: new PinoNestLogger(adapter.getInstance().log),
        abortOnError: false,
        // Body parsers are registerInputLimits's (a JSON parser that bounds nesting first).
        bodyParser: false,
      },
    );
  } catch (error) {
    destination.close();
    throw error;
  }
  // Opened and migrated by TypeOrmModule while the modules were created (CoreModule).
  const dataSource = app.get(DataSource);
  await app.register(fastifyCookie);
  registerRequestLogging(app);
  registerHttpMetrics(app, app.get(MetricsService));
  // Before any route is added: it hooks every route as it is registered.
  await registerCompression(app);
  registerInputLimits(app);
  if (env.runsApi) registerApiRequestPolicy(app, env.publicBaseUrl);
  // POST /api/inbound/mime takes raw RFC 822 bytes, up to INBOUND_MAX_BYTES.
  if (env.runsApi) registerRawMailBody(app, env.INBOUND_MAX_BYTES);
  registerSecurityHeaders(app);
  // The admin web app (apps/admin, built to dist/admin) at /admin, under helmet's CSP.
  if (env.runsApi) await registerAdminApp(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalInterceptors(new ReadRetryInterceptor());

  if (env.runsApi) {
    const document = createOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  try {
    await app.init();
  } catch (error) {
    // A hook that failed (say, a listener that cannot bind) must not leave the others' loops running.
    await app.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
  const ownerSignIn = env.runsApi ? await app.get(OwnerBootstrapService).ensureOwner() : null;
  let url: string | null = null;
  if (env.runsApi) {
    await app.listen({ port: env.PORT, host: env.HOST });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  }

  let metricsServer: Server | null = null;
  let metricsUrl: string | null = null;
  if (env.METRICS_PORT !== undefined) {
    try {
      metricsServer = await startMetricsServer(app.get(MetricsService), env.METRICS_PORT);
    } catch (error) {
      await app.close().catch(() => undefined);
      if (dataSource.isInitialized) await dataSource.destroy();
      throw error;
    }
    const address = metricsServer.address();
    metricsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : env.METRICS_PORT}`;
  }

  let closed = false;
  return {
    app,
    dataSource,
    url,
    metricsUrl,
    ownerSignIn,
    async close() {
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
    },
  };
}
