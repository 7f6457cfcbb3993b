import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  exposedCollector,
  IDLE_GROWTH_BYTES,
  IDLE_QUIET_MS,
  IdleReclaimer,
  registerIdleReclaim,
} from './idle-reclaim';

function reclaimer(): {
  r: IdleReclaimer;
  collections: () => number;
  at: (ms: number) => void;
  heap: (mib: number) => void;
  rss: (mib: number) => void;
} {
  let now = 0;
  let heap = 50 * 2 ** 20;
  let rss = 110 * 2 ** 20;
  let collected = 0;
  const r = new IdleReclaimer({
    collect: () => {
      collected++;
      heap = 50 * 2 ** 20;
      rss = 110 * 2 ** 20;
    },
    heapBytes: () => heap,
    rssBytes: () => rss,
    now: () => now,
  });
  return {
    r,
    collections: () => collected,
    at: (ms) => (now = ms),
    heap: (mib) => (heap = mib * 2 ** 20),
    rss: (mib) => (rss = mib * 2 ** 20),
  };
}

describe('IdleReclaimer', () => {
  it('collects once when a burst that grew the heap has been quiet for the quiet period', () => {
    const { r, collections, at, heap } = reclaimer();
    for (let t = 0; t <= 3000; t += 1000) {
      at(t);
      r.request();
      heap(50 + t / 100);
      expect(r.tick()).toBe(false);
    }
    at(3000 + IDLE_QUIET_MS - 1);
    expect(r.tick()).toBe(false);
    at(3000 + IDLE_QUIET_MS);
    expect(r.tick()).toBe(true);
    expect(collections()).toBe(1);
    // Still quiet: nothing grew, nothing more to give back.
    at(20_000);
    expect(r.tick()).toBe(false);
    expect(collections()).toBe(1);
  });

  it('collects after a burst that left the heap flat but grew the resident set (C allocations)', () => {
    const { r, collections, at, heap, rss } = reclaimer();
    at(0);
    r.request();
    heap(50);
    rss(110 + (IDLE_GROWTH_BYTES / 2 ** 20) * 2);
    r.tick();
    at(IDLE_QUIET_MS);
    expect(r.tick()).toBe(true);
    expect(collections()).toBe(1);
  });

  it('leaves a resident set that barely grew alone', () => {
    const { r, collections, at, rss } = reclaimer();
    at(0);
    r.request();
    rss(110 + (IDLE_GROWTH_BYTES / 2 ** 20) * 0.9);
    r.tick();
    at(IDLE_QUIET_MS * 5);
    expect(r.tick()).toBe(false);
    expect(collections()).toBe(0);
  });

  it('never collects while requests keep coming', () => {
    const { r, collections, at, heap } = reclaimer();
    heap(200);
    for (let t = 0; t < 30_000; t += 1000) {
      at(t);
      r.request();
      r.tick();
    }
    expect(collections()).toBe(0);
  });

  it('leaves a heap that barely grew alone (a health check every few seconds causes no collection)', () => {
    const { r, collections, at, heap } = reclaimer();
    for (let t = 0; t < 60_000; t += 1000) {
      at(t);
      if (t % 5000 === 0) r.request();
      heap(50 + (IDLE_GROWTH_BYTES / 2 ** 20) * 0.9);
      r.tick();
    }
    expect(collections()).toBe(0);
  });

  it('collects once per quiet spell, however the heap grows while nobody asks (background work)', () => {
    const { r, collections, at, heap } = reclaimer();
    at(0);
    r.request();
    r.tick();
    for (let t = 1000; t <= 60_000; t += 1000) {
      at(t);
      heap(60 + t / 1000);
      r.tick();
    }
    expect(collections()).toBe(1);
    at(61_000);
    r.request();
    r.tick();
    at(61_000 + IDLE_QUIET_MS);
    heap(200);
    expect(r.tick()).toBe(true);
    expect(collections()).toBe(2);
  });

  it('collects on demand (after start-up) and measures growth from there', () => {
    const { r, collections, at, heap } = reclaimer();
    heap(70);
    r.collect();
    expect(collections()).toBe(1);
    at(10_000);
    expect(r.tick()).toBe(false);
  });
});

describe('registerIdleReclaim', () => {
  const original = globalThis.gc;
  afterEach(() => {
    globalThis.gc = original;
    jest.useRealTimers();
  });

  function fakeApp(): { app: NestFastifyApplication; hooks: Map<string, (...args: unknown[]) => void> } {
    const hooks = new Map<string, (...args: unknown[]) => void>();
    const instance = { addHook: (name: string, hook: (...args: unknown[]) => void) => hooks.set(name, hook) };
    const app = {
      getHttpAdapter: () => ({ getInstance: () => instance }),
    } as unknown as NestFastifyApplication;
    return { app, hooks };
  }

  it('trims the C heap after each collection, and does without when the addon is not built', () => {
    const order: string[] = [];
    globalThis.gc = jest.fn(() => order.push('gc')) as unknown as typeof globalThis.gc;
    exposedCollector(() => (order.push('trim'), true))?.();
    expect(order).toEqual(['gc', 'trim']);
    expect(() => exposedCollector(() => null)?.()).not.toThrow();
  });

  it('the addon built by npm install gives memory back (glibc)', () => {
    // npm install builds it (native/malloc-trim/build.js); on glibc it answers a boolean, never null.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addon = require('hearth-malloc-trim') as typeof import('hearth-malloc-trim');
    expect(addon.available).toBe(true);
    expect(typeof addon.trim()).toBe('boolean');
  });

  it('adds nothing when node runs without --expose-gc', () => {
    globalThis.gc = undefined;
    const { app, hooks } = fakeApp();
    expect(registerIdleReclaim(app)).toBeNull();
    expect(hooks.size).toBe(0);
  });

  it('with --expose-gc: counts answers, asks for a last-resort collection, stops ticking on close', () => {
    jest.useFakeTimers();
    const gc = jest.fn();
    globalThis.gc = gc;
    const { app, hooks } = fakeApp();
    const reclaimer = registerIdleReclaim(app);
    expect(reclaimer).not.toBeNull();
    reclaimer?.collect();
    expect(gc).toHaveBeenCalledWith({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    const done = jest.fn();
    hooks.get('onResponse')?.({}, {}, done);
    expect(done).toHaveBeenCalled();
    const tick = jest.spyOn(reclaimer as IdleReclaimer, 'tick');
    jest.advanceTimersByTime(3000);
    expect(tick).toHaveBeenCalledTimes(3);
    hooks.get('onClose')?.({}, jest.fn());
    jest.advanceTimersByTime(5000);
    expect(tick).toHaveBeenCalledTimes(3);
  });
});
