import { Logger } from '@nestjs/common';
import { ConfigError, Env, RawEnv, loadEnv, processEnv, resolveRuntime } from '@app/core';
import { RunningHearth } from './lifecycle';

/** Starts one app's composition on a database (apps/api's startHearth, apps/worker's startWorker). */
export type StartHearth = (env: Env, databaseUrl: string) => Promise<RunningHearth>;

/**
 * A Hearth process: validate config, start (or connect to) PostgreSQL, start the app, print where it
 * is. SIGINT/SIGTERM close HTTP, the worker loops, the pool, and the embedded PostgreSQL, in that order.
 */
export async function runHearthProcess(start: StartHearth, overrides: RawEnv = {}): Promise<void> {
  const logger = new Logger('Hearth');
  let env;
  try {
    env = loadEnv({ ...processEnv(), ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  let runtime;
  try {
    runtime = await resolveRuntime(env);
  } catch (error) {
    logger.error((error as Error).message);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  const say = (line: string): boolean => process.stdout.write(`${line}\n`);
  if (runtime.embedded)
    say(`Using embedded PostgreSQL, data in ${env.HEARTH_DATA_DIR} (set DATABASE_URL to use your own)`);

  let server;
  try {
    server = await start(env, runtime.databaseUrl);
  } catch (error) {
    logger.error(`Hearth could not start: ${(error as Error).message}`);
    await runtime.embedded?.stop();
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, shutting down`);
    try {
      await server.close();
    } finally {
      await runtime.embedded?.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  announce(env, server, say);
}

function announce(env: Env, server: RunningHearth, say: (line: string) => boolean): void {
  if (!env.SMTP_URL && env.runsApi)
    say('No SMTP_URL: outgoing mail is kept in the dev mailbox (Mail in the admin app)');
  if (server.url)
    say(`Hearth is running at ${env.publicBaseUrl} (listening on ${server.url}, role ${env.HEARTH_ROLE})`);
  else say(`Hearth ${env.HEARTH_ROLE} is running`);
  if (server.ownerSignIn) {
    // Printed once, on the first start only: the link signs in as the owner and works once.
    process.stdout.write(
      `\n  First start: created the owner account ${server.ownerSignIn.email}.\n` +
        `  Sign in once with this link (valid 24 hours), then set a password:\n\n  ${server.ownerSignIn.link}\n\n`,
    );
  }
}
