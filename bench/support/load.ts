import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LatencyRecorder, LatencySummary } from './latency';

/** The measured part of a run: operations that start and finish inside it count, warm-up does not. */
export class LoadWindow {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  includes(startedAt: number, finishedAt: number): boolean {
    return startedAt >= this.start && finishedAt <= this.end;
  }

  get seconds(): number {
    return (this.end - this.start) / 1000;
  }
}

export interface LoadOptions {
  /** Concurrent loops, each with at most one operation in flight (a closed loop). */
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** A loop whose operation takes longer than this fails the run rather than hanging it. */
  operationTimeoutMs?: number;
  /** Called when the warm-up ends and the measured window opens (e.g. to start sampling CPU). */
  onWindowStart?: () => void;
}

/** Counts and timings of one kind of operation within the measured window. */
export class Meter {
  readonly latency = new LatencyRecorder();
  ok = 0;
  failed = 0;
  /** Non-2xx HTTP statuses (or error names) and how often they were seen, warm-up included. */
  readonly failures = new Map<string, number>();
  /** The first failure bodies, to say what went wrong. */
  readonly examples: string[] = [];

  constructor(readonly name: string) {}

  /** Records one operation; only those inside the window count toward rate and latency. */
  observe(window: LoadWindow, startedAt: number, finishedAt: number, ok: boolean, failure?: string): void {
    if (!ok) {
      const key = failure?.split('\n')[0].slice(0, 60) ?? 'failed';
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      if (this.examples.length < 3 && failure) this.examples.push(failure.slice(0, 300));
    }
    if (!window.includes(startedAt, finishedAt)) return;
    if (ok) {
      this.ok++;
      this.latency.record(finishedAt - startedAt);
    } else {
      this.failed++;
    }
  }

  /**
   * Times `operation` and records it; a thrown error counts as a failure and is not rethrown. Latency
   * runs from `startedAt` when given (an open loop passes the time the operation was due).
   */
  async time(
    window: LoadWindow,
    operation: () => Promise<true | string>,
    startedAt = performance.now(),
  ): Promise<boolean> {
    let outcome: true | string;
    try {
      outcome = await operation();
    } catch (error) {
      outcome = `${(error as Error).name}: ${(error as Error).message}`;
    }
    this.observe(
      window,
      startedAt,
      performance.now(),
      outcome === true,
      outcome === true ? undefined : outcome,
    );
    return outcome === true;
  }

  totalFailures(): number {
    let n = 0;
    for (const count of this.failures.values()) n += count;
    return n;
  }
}

export interface MeterReport {
  name: string;
  perSecond: number;
  ok: number;
  failed: number;
  failuresIncludingWarmup: number;
  latency: LatencySummary;
}

export function report(meter: Meter, window: LoadWindow): MeterReport {
  return {
    name: meter.name,
    perSecond: meter.ok / window.seconds,
    ok: meter.ok,
    failed: meter.failed,
    failuresIncludingWarmup: meter.totalFailures(),
    latency: meter.latency.summary(),
  };
}

/** Several meters as one (e.g. the POST and DELETE halves of create/cancel pairs). */
export function combined(name: string, meters: Meter[]): Meter {
  const all = new Meter(name);
  for (const m of meters) {
    all.latency.merge(m.latency);
    all.ok += m.ok;
    all.failed += m.failed;
    for (const [key, count] of m.failures) all.failures.set(key, (all.failures.get(key) ?? 0) + count);
    all.examples.push(...m.examples);
  }
  return all;
}

/**
 * A closed-loop load: `connections` loops each run `step` back to back (one operation in flight per
 * loop) for warm-up + duration, then stop by themselves. Steps record into Meters against the
 * returned window. Resolves once every loop has finished its last step.
 */
export async function closedLoop(
  options: LoadOptions,
  step: (loop: number, window: LoadWindow) => Promise<void>,
): Promise<LoadWindow> {
  const begin = performance.now();
  const window = new LoadWindow(begin + options.warmupMs, begin + options.warmupMs + options.durationMs);
  const timeoutMs = options.operationTimeoutMs ?? 30_000;
  const opened = setTimeout(() => options.onWindowStart?.(), options.warmupMs);
  const loops = Array.from({ length: options.connections }, async (_, loop) => {
    while (performance.now() < window.end) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        step(loop, window),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`a step took over ${timeoutMs} ms`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
    }
  });
  try {
    await Promise.all(loops);
  } finally {
    clearTimeout(opened);
  }
  return window;
}

export interface OpenLoopOptions {
  /** Operations started per second, evenly spaced, whatever the response times. */
  ratePerSecond: number;
  /** Operations in flight at most (the connections); when all are busy the next one starts late. */
  maxInFlight: number;
  warmupMs: number;
  durationMs: number;
}

/**
 * An open-loop load: operations start on a fixed schedule, as independent users would arrive, rather
 * than each client waiting for its previous answer. `op` gets the slot it runs in (0..maxInFlight-1,
 * never shared while it runs) and the time it was due: measure latency from there, so waiting for a
 * free slot counts (no coordinated omission). Resolves with how many operations started late.
 */
export async function openLoop(
  options: OpenLoopOptions,
  op: (slot: number, window: LoadWindow, dueAt: number) => Promise<void>,
): Promise<{ window: LoadWindow; late: number }> {
  const begin = performance.now();
  const window = new LoadWindow(begin + options.warmupMs, begin + options.warmupMs + options.durationMs);
  const interval = 1000 / options.ratePerSecond;
  const free = Array.from({ length: options.maxInFlight }, (_, i) => options.maxInFlight - 1 - i);
  const waiting: Array<(slot: number) => void> = [];
  const running = new Set<Promise<void>>();
  const release = (slot: number): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  let late = 0;
  for (let due = begin; due < window.end; due += interval) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    let slot = free.pop();
    if (slot === undefined) {
      late++;
      slot = await new Promise<number>((resolve) => waiting.push(resolve));
    }
    const taken = slot;
    const task = op(taken, window, due)
      .catch(() => undefined)
      .finally(() => {
        running.delete(task);
        release(taken);
      });
    running.add(task);
  }
  await Promise.all(running);
  return { window, late };
}

export interface HttpResponse {
  status: number;
  body: string;
}

/**
 * HTTP/1.1 over keep-alive connections (node:http Agent, at most `connections` sockets), so a
 * closed loop of N reuses N connections instead of paying a TCP handshake per request.
 */
export class HttpClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    connections: number,
    private readonly timeoutMs = 30_000,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string; keepBody?: boolean } = {},
  ): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...options.headers };
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] = Buffer.byteLength(options.body);
      }
      const req = httpRequest(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          // keepBody false: a 2xx or 3xx body is read and dropped (a client here decoding megabytes
          // would be the bottleneck, not the server); other bodies are kept for the failure message.
          const drop = options.keepBody === false && (res.statusCode ?? 0) < 400;
          res.on('data', (chunk: Buffer) => {
            if (!drop) chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A request counted as ok on 2xx; otherwise the failure text is "<status> <body>". */
export async function expect2xx(
  client: HttpClient,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; check?: (body: string) => string | null } = {},
): Promise<true | string> {
  const res = await client.request(method, path, options);
  if (res.status < 200 || res.status >= 300) return `${res.status} ${res.body}`;
  const problem = options.check?.(res.body) ?? null;
  return problem === null ? true : `${res.status} unexpected: ${problem}`;
}
