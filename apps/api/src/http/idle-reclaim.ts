import { getHeapStatistics } from 'node:v8';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { trim as mallocTrim } from 'hearth-malloc-trim';

/** How long nothing must have been answered before the process gives memory back. */
export const IDLE_QUIET_MS = 2000;
/**
 * Only a heap, or a resident set, that grew by this much since the last collection is worth a full
 * one (the resident set alone grows when a burst leaves its C allocations behind: socket reads,
 * response writes).
 */
export const IDLE_GROWTH_BYTES = 8 * 1024 * 1024;

/**
 * A full collection that gives freed memory back to the system (V8's "last resort": compacts, shrinks
 * the young generation, releases pooled pages), when node runs with `--expose-gc` as `npm start` runs
 * it; null otherwise. Without it V8 does the same by itself, but only some 8 s after traffic stops,
 * and until then a process that just served a burst keeps every page that burst grew (DESIGN §7:
 * < 120 MiB idle).
 */
export function exposedCollector(trim: () => boolean | null = mallocTrim): (() => void) | null {
  const gc = globalThis.gc;
  if (!gc) return null;
  return () => {
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    // The collection frees the buffers the burst left; glibc keeps the pages they were in, scattered
    // among live allocations, until malloc_trim gives them back (native/malloc-trim: some 15-20 MiB
    // after an RSVP burst at c=50; without the addon, a no-op).
    trim();
  };
}

export interface IdleReclaimOptions {
  collect: () => void;
  /** Bytes the V8 heap holds now (committed). */
  heapBytes?: () => number;
  /** Bytes the process holds in memory now (its resident set). */
  rssBytes?: () => number;
  now?: () => number;
  quietMs?: number;
  growthBytes?: number;
}

/**
 * Collects once when a busy process falls quiet: `tick()` (every second) sees whether requests were
 * answered since the last tick; once none were for `quietMs`, if the heap or the resident set grew by
 * `growthBytes` since the last collection, it collects — once per quiet spell: it takes requests answered since to collect
 * again, so background work in the same process (HEARTH_ROLE=all: a fan-out while nobody asks
 * anything) never makes it collect every second. A load balancer's health check every few seconds
 * keeps both flat, so it never causes one; a request arriving during the collection (tens of ms)
 * waits for it.
 */
export class IdleReclaimer {
  private answered = 0;
  private seen = 0;
  /** Requests were answered since the last collection. */
  private busy = false;
  private quietSince: number;
  private heapAfterLast: number;
  private rssAfterLast: number;
  private readonly collectFn: () => void;
  private readonly heapBytes: () => number;
  private readonly rssBytes: () => number;
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly growthBytes: number;

  constructor(options: IdleReclaimOptions) {
    this.collectFn = options.collect;
    this.heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size);
    this.rssBytes = options.rssBytes ?? (() => process.memoryUsage.rss());
    this.now = options.now ?? Date.now;
    this.quietMs = options.quietMs ?? IDLE_QUIET_MS;
    this.growthBytes = options.growthBytes ?? IDLE_GROWTH_BYTES;
    this.quietSince = this.now();
    this.heapAfterLast = this.heapBytes();
    this.rssAfterLast = this.rssBytes();
  }

  /** Counts an answered request. */
  request(): void {
    this.answered++;
  }

  /** Collects now, whatever the traffic (startup's garbage, before the first request). */
  collect(): void {
    this.collectFn();
    this.heapAfterLast = this.heapBytes();
    this.rssAfterLast = this.rssBytes();
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
    const grown =
      this.heapBytes() >= this.heapAfterLast + this.growthBytes ||
      this.rssBytes() >= this.rssAfterLast + this.growthBytes;
    if (!grown) return false;
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
