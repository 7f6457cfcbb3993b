import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  Clock,
  Env,
  LogDestination,
  MetricsService,
  PinoNestLogger,
  logDestination,
  requestIdFrom,
} from '@app/core';
import { OwnerBootstrapService } from '@app/identity';
import {
  RunningHearth,
  closeOnce,
  initOrUnwind,
  nestLogLevels,
  pinoOptions,
  serveMetrics,
} from '@app/runtime';
import { AppModule } from './app.module';
import { registerApiRequestPolicy } from './http/api-request-policy';
import { registerCacheHits } from './http/cache-hits';
import { registerCompression } from './http/compression';
import { createOpenApiDocument } from './http/openapi';
import { ErrorFilter } from './http/error.filter';
import { ReadRetryInterceptor } from './http/read-retry.interceptor';
import { INPUT_LIMITS, frameworkErrorHandler, registerInputLimits } from './http/input-limits';
import { registerSecurityHeaders, securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { ResponseCache } from './http/response-cache';
import { registerRawMailBody } from './inbound/raw-mail-body';
import { registerHttpMetrics } from './metrics/http-metrics';
import { registerRequestLogging } from './http/request-logging';
import { findAdminBuildDir, registerAdminApp } from './pages/admin-app';
import { adminGate } from './pages/admin-gate';

export interface HearthServer extends RunningHearth {
  app: NestFastifyApplication;
  dataSource: DataSource;
}

export interface StartOptions {
  env: Env;
  databaseUrl: string;
  clock?: Clock;
  /** Nest log levels; tests pass ['error']. */
  logLevels?: LogLevel[];
}

/**
 * Starts Hearth on a database: migrate, compose modules for the role, configure HTTP (validation,
 * errors, cookies, helmet, OpenAPI), listen. main.ts and the e2e tests both start Hearth through here.
 */
export async function startHearth(options: StartOptions): Promise<HearthServer> {
  const { env } = options;
  const destination = logDestination(env);
  const adapter = fastifyAdapter(env, nestLogLevels(env, options.logLevels), destination);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ env, databaseUrl: options.databaseUrl, clock: options.clock }),
    adapter,
    {
      logger: new PinoNestLogger(adapter.getInstance().log),
      abortOnError: false,
      // Body parsers are registerInputLimits's (a JSON parser that bounds nesting first).
      bodyParser: false,
    },
  );
  // Opened and migrated (under the advisory lock) by TypeOrmModule while the modules were created.
  const dataSource = app.get(DataSource);
  await configureHttp(app, env);

  await initOrUnwind(app, dataSource);
  const ownerSignIn = env.runsApi ? await app.get(OwnerBootstrapService).ensureOwner() : null;
  const url = env.runsApi ? await listen(app, env) : null;
  const metrics = await serveMetrics(app, dataSource, env.METRICS_PORT);
  return {
    app,
    dataSource,
    url,
    metricsUrl: metrics.url,
    ownerSignIn,
    close: closeOnce(app, dataSource, destination, metrics.server),
  };
}

function fastifyAdapter(env: Env, levels: LogLevel[], destination: LogDestination): FastifyAdapter {
  return new FastifyAdapter({
    // One JSON line per event through Fastify's pino; Nest's Logger writes through it too.
    logger: pinoOptions(levels, destination),
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
}

/** Cookies, logging, metrics, compression, input limits, headers, the admin app, validation, OpenAPI. */
async function configureHttp(app: NestFastifyApplication, env: Env): Promise<void> {
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
  if (env.runsApi) registerCacheHits(app, app.get(ResponseCache));
  // The admin web app (apps/admin, built to dist/admin) at /admin, under helmet's CSP.
  if (env.runsApi) await registerAdminApp(app, findAdminBuildDir(), adminGate(app));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalInterceptors(new ReadRetryInterceptor());
  if (env.runsApi) {
    const document = createOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
}

async function listen(app: NestFastifyApplication, env: Env): Promise<string> {
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
}
