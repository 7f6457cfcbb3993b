import type { LogLevel } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, Env, RawEnv, loadEnv } from '../../libs/core/src';
import { SessionsService, UsersService } from '../../libs/identity/src';
import { HearthServer, startHearth } from '../../apps/api/src/server';
import { createTestDatabase } from './database';
import { TestSmtpServer } from './smtp';

export const TEST_SECRET = 'test-signing-secret-0123456789abcdefghijklmnop';

export interface TestApp {
  server: HearthServer;
  env: Env;
  databaseUrl: string;
  url: string;
  smtp: TestSmtpServer;
  dataSource: DataSource;
  http(): request.Agent;
  /** Signs a user in without the email round trip (creating them if needed); returns the Cookie header. */
  sessionFor(email: string, displayName?: string): Promise<{ cookie: string; userId: string }>;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  /** host:port through which the app reaches PostgreSQL (a test's proxy) instead of directly. */
  databaseHost?: string;
  /** Nest log levels (default: errors only). */
  logLevels?: LogLevel[];
  /** A clock the test moves (default: the system clock). */
  clock?: Clock;
}

const withHost = (url: string, host: string): string => {
  const u = new URL(url);
  u.host = host;
  return u.toString();
};

/**
 * Boots Hearth in-process exactly as main.ts does (same startHearth), on a fresh database copied
 * from the migrated template, with outgoing mail going over SMTP to a real in-process server.
 */
export async function startTestApp(
  overrides: RawEnv = {},
  options: StartTestAppOptions = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const smtp = await new TestSmtpServer().start();
  const appDatabaseUrl = options.databaseHost ? withHost(db.url, options.databaseHost) : db.url;
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: 'http://hearth.test',
    DATABASE_URL: appDatabaseUrl,
    DATABASE_POOL_SIZE: '10',
    SIGNING_SECRET: TEST_SECRET,
    SMTP_URL: smtp.url,
    OUTBOX_POLL_MS: '50',
    FANOUT_POLL_MS: '20',
    OUTBOX_RETRY_BASE_MS: '100',
    OWNER_EMAIL: 'owner@hearth.test',
    // Test files run in parallel: each inbound SMTP listener takes a free port.
    INBOUND_SMTP_PORT: '0',
    ...overrides,
  });
  const server = await startHearth({
    env,
    databaseUrl: appDatabaseUrl,
    logLevels: options.logLevels ?? ['error', 'fatal'],
    clock: options.clock,
  });
  const url = server.url ?? '';
  return {
    server,
    env,
    databaseUrl: db.url,
    url,
    smtp,
    dataSource: server.dataSource,
    http: () => request.agent(url),
    async sessionFor(email, displayName) {
      const users = server.app.get(UsersService);
      const sessions = server.app.get(SessionsService);
      const user = await users.findOrCreateByEmail(server.dataSource.manager, email);
      if (displayName) await users.updateProfile(user.id, { displayName });
      const { token } = await sessions.issue(server.dataSource.manager, user.id);
      return { cookie: `hearth_session=${token}`, userId: user.id };
    },
    async close() {
      await server.close();
      await smtp.stop();
      await db.drop();
    },
  };
}

/** Pulls the first http(s) link from a mail's text body that matches `pattern`. */
export function linkIn(text: string | undefined, pattern: RegExp): string {
  const links = (text ?? '').match(/https?:\/\/\S+/g) ?? [];
  const found = links.find((l) => pattern.test(l));
  if (!found) throw new Error(`no link matching ${pattern} in mail`);
  return found;
}
