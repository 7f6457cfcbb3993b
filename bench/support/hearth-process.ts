import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { envVariableNames } from '@app/core';
import { Cleanup, withTimeout } from './cleanup';
import { freePort } from './ports';
import { PeakRss } from './system';

export const REPO_ROOT = resolve(__dirname, '..', '..');
/**
 * The built server (`npm run build`); started as `main.ts` does, through runFromProcess().
 * BENCH_HEARTH_ENTRY points at another build's main.js, to compare two builds on one machine.
 */
export const HEARTH_ENTRY =
  process.env.BENCH_HEARTH_ENTRY?.trim() || join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789-abcdefghijklmnop';

// Everything Hearth reads from its environment: the child gets only what the benchmark sets.
const HEARTH_VARIABLES = new Set(envVariableNames());

export interface HearthProcessOptions {
  databaseUrl: string;
  /** DATABASE_POOL_SIZE of the server. */
  poolSize: number;
  /** HEARTH_ROLE; `api` by default so no worker loop competes with the measured requests. */
  role?: 'api' | 'worker' | 'all';
  /** More variables (they win over the defaults). */
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Preload the statement counter (see query-counter.ts) so `queries` can count SQL per request. */
  countQueries?: boolean;
}

/** SQL statements the server sent between start() and stop(), by statement text. */
export interface QueryCounter {
  start(): Promise<void>;
  stop(): Promise<Map<string, number>>;
}

export interface HearthProcess {
  url: string;
  pid: number;
  /** Peak resident memory seen so far, bytes. */
  peakRss(): number;
  /** The last lines the server printed (for failures). */
  output(): string;
  /** SIGTERM and wait for a clean exit (SIGKILL after 15 s). Idempotent. */
  stop(): Promise<void>;
  /** Only with countQueries. */
  queries: QueryCounter | null;
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveStatus(0));
  });
}

/** The benchmark runs what `npm run build` produced (the npm scripts build first). */
function checkBuilt(): void {
  if (!existsSync(HEARTH_ENTRY)) {
    throw new Error(`${HEARTH_ENTRY} is missing: run \`npm run build\` first (npm run bench:* does).`);
  }
}

/**
 * Starts Hearth from the built output as a child process — its own event loop, as in production —
 * on a port picked here, and resolves once GET /ready answers 200. Registers its own shutdown.
 */
export async function startHearthProcess(
  cleanup: Cleanup,
  options: HearthProcessOptions,
): Promise<HearthProcess> {
  checkBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!HEARTH_VARIABLES.has(key)) env[key] = value;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    SIGNING_SECRET: BENCH_SIGNING_SECRET,
    HEARTH_ROLE: options.role ?? 'api',
    LOG_LEVEL: 'error',
    ...options.env,
  });

  const nodeArgs = [...(options.nodeArgs ?? [])];
  let countsFile: string | null = null;
  if (options.countQueries) {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-queries-'));
    cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    const preload = join(dir, 'query-counter.js');
    const source = readFileSync(join(__dirname, 'query-counter.ts'), 'utf8');
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(preload, compiled.outputText);
    countsFile = join(dir, 'counts.json');
    env.BENCH_QUERY_COUNTS_FILE = countsFile;
    nodeArgs.push('-r', preload);
  }

  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, HEARTH_ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolveExit();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${HEARTH_ENTRY}`);
  const memory = new PeakRss(pid);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      memory.stop();
      if (exited) return;
      child.kill('SIGTERM');
      try {
        await withTimeout(exit, 15_000, 'Hearth shutdown');
      } catch {
        child.kill('SIGKILL');
        await exit;
      }
    })();
    return stopping;
  };
  cleanup.add('stop Hearth', stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const { code, signal } = exited as { code: number | null; signal: NodeJS.Signals | null };
      throw new Error(`Hearth exited before it was ready (code ${code}, signal ${signal}):\n${output}`);
    }
    // A worker (HEARTH_ROLE=worker) serves no HTTP: it is ready once it says so.
    if (
      options.role === 'worker' ? /worker is running/.test(output) : (await getStatus(`${url}/ready`)) === 200
    )
      break;
    if (Date.now() > deadline) throw new Error(`Hearth was not ready within the timeout:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\nHearth exited unexpectedly (code ${code}, signal ${signal})\n`);
  });

  let signals = 0;
  const signalAndRead = async (): Promise<{ seq: number; counts?: Record<string, number> }> => {
    if (!countsFile) throw new Error('started without countQueries');
    const expected = ++signals;
    child.kill('SIGUSR2');
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        const state = JSON.parse(readFileSync(countsFile, 'utf8')) as { seq: number };
        if (state.seq === expected) return state;
      } catch {
        // not written yet (or mid-write)
      }
      if (Date.now() > deadline) throw new Error('the query counter did not answer');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const queries: QueryCounter | null = countsFile
    ? {
        start: async () => {
          await signalAndRead();
        },
        stop: async () => new Map(Object.entries((await signalAndRead()).counts ?? {})),
      }
    : null;

  return {
    url,
    pid,
    queries,
    peakRss: () => {
      memory.sample();
      return memory.peak;
    },
    output: () => output,
    stop,
  };
}
