import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NetworkingRepository } from '../networking.repository';
import { RoundsService } from '../rounds/rounds.service';
import { liveUpdates } from './live-update';

/** Where a viewer's stream messages go (an HTTP response held open). */
export interface LiveSink {
  write(chunk: string): unknown;
}

interface Watch {
  /** Open streams by viewer (a person may have the page open twice). */
  viewers: Map<string, Set<LiveSink>>;
  signature: string | null;
  /** A check is under way; `again` asks for one more after it (a change may have landed meanwhile). */
  checking: boolean;
  again: boolean;
}

/** How often events with live viewers are checked for a round change (one query per event, not per viewer). */
export const LIVE_POLL_MS = 1000;
/** Ticks between keep-alive comments on the streams (proxies close silent connections). */
const KEEPALIVE_TICKS = 20;

/**
 * Pushes each live page its viewer's own room when the rounds change. One shared ticker checks
 * every event that has viewers (one query per event: the rounds, which also pairs a due round) and
 * compares a signature — phase, round, status, last change; an organizer's action in this process
 * triggers the check at once. On a change it reads the round's seating
 * for the whole event in ONE query and writes each open stream only its viewer's room, so a thousand
 * open pages cost one query a second plus one per change, and no page fetches anything. Works across
 * API processes: the state it watches is in PostgreSQL.
 */
@Injectable()
export class NetworkingLiveHub implements OnModuleDestroy {
  private readonly logger = new Logger(NetworkingLiveHub.name);
  private readonly watches = new Map<string, Watch>();
  private ticker: NodeJS.Timeout | null = null;
  private ticks = 0;
  private busy = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RoundsService) private readonly rounds: RoundsService,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
  ) {
    // In this process an organizer's action is pushed at once; other processes' on the next tick.
    rounds.onChange((eventId) => {
      const watch = this.watches.get(eventId);
      if (watch) void this.check(eventId, watch);
    });
  }

  /** Follows an event for a viewer; returns the unsubscribe. */
  subscribe(eventId: string, userId: string, sink: LiveSink): () => void {
    let watch = this.watches.get(eventId);
    if (!watch) {
      watch = { viewers: new Map(), signature: null, checking: false, again: false };
      this.watches.set(eventId, watch);
    }
    let sinks = watch.viewers.get(userId);
    if (!sinks) {
      sinks = new Set();
      watch.viewers.set(userId, sinks);
    }
    sinks.add(sink);
    this.startTicker();
    return () => this.unsubscribe(eventId, userId, sink);
  }

  viewers(eventId: string): number {
    let count = 0;
    for (const sinks of this.watches.get(eventId)?.viewers.values() ?? []) count += sinks.size;
    return count;
  }

  onModuleDestroy(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.watches.clear();
  }

  private unsubscribe(eventId: string, userId: string, sink: LiveSink): void {
    const watch = this.watches.get(eventId);
    const sinks = watch?.viewers.get(userId);
    if (!watch || !sinks) return;
    sinks.delete(sink);
    if (sinks.size === 0) watch.viewers.delete(userId);
    if (watch.viewers.size === 0) this.watches.delete(eventId);
    if (this.watches.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private startTicker(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => void this.tick(), LIVE_POLL_MS);
    this.ticker.unref();
    void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const keepalive = ++this.ticks % KEEPALIVE_TICKS === 0;
      for (const [eventId, watch] of [...this.watches]) {
        await this.check(eventId, watch);
        if (keepalive)
          for (const sinks of watch.viewers.values()) for (const s of sinks) s.write(': keep-alive\n\n');
      }
    } finally {
      this.busy = false;
    }
  }

  private async check(eventId: string, watch: Watch): Promise<void> {
    if (watch.checking) {
      watch.again = true;
      return;
    }
    watch.checking = true;
    try {
      do {
        watch.again = false;
        await this.checkOnce(eventId, watch);
      } while (watch.again);
    } finally {
      watch.checking = false;
    }
  }

  private async checkOnce(eventId: string, watch: Watch): Promise<void> {
    try {
      const current = await this.rounds.current(eventId);
      const s = current?.settings;
      const signature = s
        ? `${current.phase.phase}:${current.phase.round}:${s.status}:${s.updatedAt?.getTime() ?? 0}`
        : 'none';
      const changed = watch.signature !== null && watch.signature !== signature;
      watch.signature = signature;
      if (!changed || !current) return;
      const seats = await this.repo.seating(this.dataSource.manager, eventId, current.phase.round);
      const updates = liveUpdates(
        current.settings,
        current.phase,
        seats,
        this.rounds.roomUrlTemplate,
        watch.viewers.keys(),
      );
      for (const [userId, update] of updates) {
        const message = `event: change\ndata: ${JSON.stringify(update)}\n\n`;
        for (const sink of watch.viewers.get(userId) ?? []) sink.write(message);
      }
    } catch (error) {
      this.logger.warn(`live check of event ${eventId} failed: ${(error as Error).message}`);
    }
  }
}
