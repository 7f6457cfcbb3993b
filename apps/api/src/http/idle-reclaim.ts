import { getHeapStatistics } from 'node:v8';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** How long nothing must have been answered before the process gives memory back. */
export const IDLE_QUIET_MS = 2000;
/** Only a heap that grew by this much since the last collection is worth a full one. */
export const IDLE_GROWTH_BYTES = 8 * 1024 * 1024;

/**
 * A full collection that gives freed memory back to the system (V8's "last resort": compacts, shrinks
 * the young generation, releases pooled pages), when node runs with `--expose-gc` as `npm start` runs
 * it; null otherwise. Without it V8 does the same by itself, but only some 8 s after traffic stops,
 * and until then a process that just served a burst keeps every page that burst grew (DESIGN §7:
 * < 120 MiB idle).
 */
export function exposedCollector(): (() => void) | null {
  const gc = globalThis.gc;
  return gc ? () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' }) : null;
}

export interface IdleReclaimOptions {
  collect: () => void;
  /** Bytes the V8 heap holds now (committed). */
  heapBytes?: () => number;
  now?: () => number;
  quietMs?: number;
  growthBytes?: number;
}

/**
 * Collects once when a busy process falls quiet: `tick()` (every second) sees whether requests were
 * answered since the last tick; once none were for `quietMs`, if the heap grew by `growthBytes` since
 * the last collection, it collects — once per quiet spell: it takes requests answered since to collect
 * again, so background work in the same process (HEARTH_ROLE=all: a fan-out while nobody asks
 * anything) never makes it collect every second. A load balancer's health check every few seconds
 * keeps the heap flat, so it never causes one; a request arriving during the collection (tens of ms)
 * waits for it.
 */
export class IdleReclaimer {
  private answered = 0;
  private seen = 0;
  /** Requests were answered since the last collection. */
  private busy = false;
  private quietSince: number;
  private heapAfterLast: number;
  private readonly collectFn: () => void;
  private readonly heapBytes: () => number;
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly growthBytes: number;

  constructor(options: IdleReclaimOptions) {
    this.collectFn = options.collect;
    this.heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size);
    this.now = options.now ?? Date.now;
    this.quietMs = options.quietMs ?? IDLE_QUIET_MS;
    this.growthBytes = options.growthBytes ?? IDLE_GROWTH_BYTES;
    this.quietSince = this.now();
    this.heapAfterLast = this.heapBytes();
  }

  /** Counts an answered request. */
  request(): void {
    this.answered++;
  }

  /** Collects now, whatever the traffic (startup's garbage, before the first request). */
  collect(): void {
    this.collectFn();
    this.heapAfterLast = this.heapBytes();
    this.busy = false;
  }

  /** Whether it collected. */
  tick(): boolean {
    const now = this.now();
    if (this.answered !== this.seen) {
      this.seen = this.answered;
      this.quietSince = now;
      this.busy = true;
      return false;
    }
    if (!this.busy || now - this.quietSince < this.quietMs) return false;
    if (this.heapBytes() < this.heapAfterLast + this.growthBytes) return false;
    this.collect();
    return true;
  }
}

/**
 * Counts answered requests and ticks every second (unref'd; stopped when the app closes). Returns
 * null, and adds nothing, when node was started without `--expose-gc`.
 */
export function registerIdleReclaim(app: NestFastifyApplication): IdleReclaimer | null {
  const collect = exposedCollector();
  if (!collect) return null;
  const reclaimer = new IdleReclaimer({ collect });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (_request, _reply, done) => {
    reclaimer.request();
    done();
  });
  const timer = setInterval(() => reclaimer.tick(), 1000).unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
  return reclaimer;
}
