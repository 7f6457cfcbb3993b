/**
 * Teardown that runs whatever happens: each resource registers how to release it as soon as it
 * exists, and `runBenchmark` releases them in reverse order on success, on error and on Ctrl-C.
 */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private running: Promise<void> | null = null;

  /** True once teardown has begun (connections dropped by a stopping server are expected then). */
  get started(): boolean {
    return this.running !== null;
  }

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /** Releases everything once, last acquired first; a failing step is reported and the rest still run. */
  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await withTimeout(Promise.resolve(step.run()), 30_000, step.name);
        } catch (error) {
          process.stderr.write(`cleanup: ${step.name} failed: ${(error as Error).message}\n`);
        }
      }
    })();
    return this.running;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a benchmark's main function with a cleanup stack. Exit code 0 when the run completed (a
 * benchmark measures; missing a target is reported, not failed), 1 when the run itself broke, 130 on
 * SIGINT/SIGTERM — in every case after everything acquired was released.
 */
export function runBenchmark(main: (cleanup: Cleanup) => Promise<void>): void {
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping and cleaning up…\n`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // E.g. a pooled connection the database drops while it stops: harmless during teardown, a failure before.
  process.on('uncaughtException', (error) => {
    if (cleanup.started) {
      process.stderr.write(`cleanup: ignored ${error.message}\n`);
      return;
    }
    process.stderr.write(`\nBenchmark failed: ${error.stack ?? error.message}\n`);
    void cleanup.runAll().finally(() => process.exit(1));
  });
  main(cleanup)
    .then(
      () => 0,
      (error: unknown) => {
        process.stderr.write(`\nBenchmark failed: ${(error as Error)?.stack ?? String(error)}\n`);
        return 1;
      },
    )
    .then(async (code) => {
      await cleanup.runAll();
      process.exit(code);
    })
    .catch(() => process.exit(1));
}
