import { RawEnv } from '@app/core';
import { runHearthProcess } from '@app/runtime';
import { startHearth } from './server';

/**
 * `npm start`: validate config, start (or connect to) PostgreSQL, start Hearth, print where it is.
 * With the default HEARTH_ROLE=all this one process serves HTTP and runs the background loops
 * (single-process mode: AppModule adds @app/runtime's BackgroundJobsModule, never apps/worker).
 */
export function runFromProcess(overrides: RawEnv = {}): Promise<void> {
  return runHearthProcess((env, databaseUrl) => startHearth({ env, databaseUrl }), overrides);
}

if (require.main === module) void runFromProcess();
