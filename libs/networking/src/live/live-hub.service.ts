import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { RoundsService } from '../rounds/rounds.service';

type Listener = () => void;

interface Watch {
  listeners: Set<Listener>;
  signature: string | null;
  timer: NodeJS.Timeout;
  busy: boolean;
}

/** How often an event with live viewers is checked for a round change (one query per event, not per viewer). */
export const LIVE_POLL_MS = 1000;

/**
 * Tells live pages that their event's rounds changed. One timer per event that has viewers reads
 * the rounds (which also pairs a due round) and compares a signature — phase, round, last change —
 * so a thousand open pages cost one query a second, and each page then fetches only its own room.
 * Works across API processes: the state it watches is in PostgreSQL.
 */
@Injectable()
export class NetworkingLiveHub implements OnModuleDestroy {
  private readonly logger = new Logger(NetworkingLiveHub.name);
  private readonly watches = new Map<string, Watch>();

  constructor(@Inject(RoundsService) private readonly rounds: RoundsService) {}

  subscribe(eventId: string, listener: Listener, pollMs = LIVE_POLL_MS): () => void {
    let watch = this.watches.get(eventId);
    if (!watch) {
      const created: Watch = {
        listeners: new Set(),
        signature: null,
        busy: false,
        timer: setInterval(() => void this.check(eventId, created), pollMs),
      };
      created.timer.unref();
      this.watches.set(eventId, created);
      watch = created;
      void this.check(eventId, created);
    }
    watch.listeners.add(listener);
    const current = watch;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        clearInterval(current.timer);
        this.watches.delete(eventId);
      }
    };
  }

  viewers(eventId: string): number {
    return this.watches.get(eventId)?.listeners.size ?? 0;
  }

  onModuleDestroy(): void {
    for (const watch of this.watches.values()) clearInterval(watch.timer);
    this.watches.clear();
  }

  private async check(eventId: string, watch: Watch): Promise<void> {
    if (watch.busy) return;
    watch.busy = true;
    try {
      const current = await this.rounds.current(eventId);
      const s = current?.settings;
      const signature = s
        ? `${current.phase.phase}:${current.phase.round}:${s.status}:${s.updatedAt?.getTime() ?? 0}`
        : 'none';
      const changed = watch.signature !== null && watch.signature !== signature;
      watch.signature = signature;
      if (changed) for (const listener of [...watch.listeners]) listener();
    } catch (error) {
      this.logger.warn(`live check of event ${eventId} failed: ${(error as Error).message}`);
    } finally {
      watch.busy = false;
    }
  }
}
