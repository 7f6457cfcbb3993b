import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Env } from '@app/core';
import { EventContextService } from '@app/events';
import { networkingError } from '../networking.errors';
import { NetworkingRepository, NetworkingSettings } from '../networking.repository';
import { pairRound } from '../pairing/pairing';
import { newRoomName } from './room-links';
import { nextRoundStart, phaseAt, planFits, type PhaseView, type RoundPlan } from './round-plan';

export const NETWORKING_KINDS = ['virtual_networking', 'hybrid'];

export interface SettingsInput extends RoundPlan {
  groupSize: number;
  useInterests: boolean;
  interestTags: string[];
}

export type RoundAction = 'start' | 'pause' | 'skip' | 'end';

/**
 * An event's rounds: the organizer's plan and its progress. Progress is driven by the injected clock
 * and applied lazily: whoever reads the rounds first after a round is due pairs it, under the
 * settings row lock, so it happens once.
 */
@Injectable()
export class RoundsService {
  private readonly logger = new Logger(RoundsService.name);
  private readonly changeListeners = new Set<(eventId: string) => void>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Env) private readonly env: Env,
  ) {}

  get roomUrlTemplate(): string {
    return this.env.NETWORKING_ROOM_URL;
  }

  async configure(eventId: string, userId: string, input: SettingsInput): Promise<NetworkingSettings> {
    return this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, userId, 'organizer', tx, true);
      requireNetworkingKind(event.kind);
      if (!planFits(input, event.startsAt, event.endsAt))
        throw networkingError('NETWORKING_PLAN_TOO_LONG', 'The rounds and breaks do not fit in the event');
      const current = await this.repo.settings(tx, eventId, true);
      if (current && current.status !== 'idle')
        throw networkingError(
          'NETWORKING_STATE_INVALID',
          'Rounds have started; the plan can no longer change',
        );
      await this.repo.saveSettings(tx, eventId, { ...input, interestTags: unique(input.interestTags) });
      return (await this.repo.settings(tx, eventId)) as NetworkingSettings;
    });
  }

  /** The settings with any due round applied; null when networking is not set up. */
  async current(eventId: string): Promise<{ settings: NetworkingSettings; phase: PhaseView } | null> {
    const now = this.clock.now();
    const read = await this.repo.settings(this.dataSource.manager, eventId);
    if (!read) return null;
    if (!phaseAt(read, read, now).due) return { settings: read, phase: phaseAt(read, read, now) };
    return this.dataSource.transaction(async (tx) => {
      const settings = await this.advance(tx, eventId, now);
      return { settings, phase: phaseAt(settings, settings, now) };
    });
  }

  /** Called after an organizer's action commits (the live hub pushes it without waiting for its ticker). */
  onChange(listener: (eventId: string) => void): void {
    this.changeListeners.add(listener);
  }

  async act(eventId: string, userId: string, action: RoundAction): Promise<void> {
    await this.applyAction(eventId, userId, action);
    for (const listener of this.changeListeners) listener(eventId);
  }

  private async applyAction(eventId: string, userId: string, action: RoundAction): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const context = await this.contexts.require(eventId, userId, 'organizer', tx);
      const now = this.clock.now();
      const s = await this.advance(tx, eventId, now);
      const invalid = (): never => {
        throw networkingError('NETWORKING_STATE_INVALID', `Cannot ${action} rounds that are ${s.status}`);
      };
      if (action === 'start') {
        if (s.status === 'idle') return this.pair(tx, s, context.event.groupId, 1, now);
        if (s.status !== 'paused') return invalid();
        const started = new Date(now.getTime() - (s.pausedElapsedMs ?? 0));
        return this.repo.saveState(tx, eventId, {
          ...s,
          status: 'running',
          roundStartedAt: started,
          pausedElapsedMs: null,
        });
      }
      if (action === 'pause') {
        if (s.status !== 'running') return invalid();
        const elapsed = now.getTime() - (s.roundStartedAt as Date).getTime();
        return this.repo.saveState(tx, eventId, { ...s, status: 'paused', pausedElapsedMs: elapsed });
      }
      if (action === 'skip') {
        if (s.status !== 'running' && s.status !== 'paused') return invalid();
        if (s.currentRound >= s.rounds) return this.repo.saveState(tx, eventId, { ...s, status: 'ended' });
        return this.pair(tx, s, context.event.groupId, s.currentRound + 1, now);
      }
      if (s.status === 'ended') return invalid();
      return this.repo.saveState(tx, eventId, { ...s, status: 'ended', pausedElapsedMs: null });
    });
  }

  /** Locks the settings and applies every round change due at `now`. */
  async advance(tx: EntityManager, eventId: string, now: Date): Promise<NetworkingSettings> {
    let s = await this.repo.settings(tx, eventId, true);
    if (!s)
      throw networkingError('NETWORKING_NOT_CONFIGURED', 'Networking rounds are not set up for this event');
    while (phaseAt(s, s, now).due) {
      if (s.currentRound >= s.rounds) {
        await this.repo.saveState(tx, eventId, { ...s, status: 'ended' });
      } else {
        const loaded = await this.contexts.load(eventId, null, tx);
        if (!loaded) throw networkingError('NETWORKING_NOT_CONFIGURED', 'Event not found');
        await this.pair(tx, s, loaded.event.groupId, s.currentRound + 1, nextRoundStart(s, s, now));
      }
      const next = await this.repo.settings(tx, eventId);
      if (!next)
        throw networkingError('NETWORKING_NOT_CONFIGURED', 'Networking rounds are not set up for this event');
      s = next;
    }
    return s;
  }

  /** Seats the people present and going in rooms for `round`, which starts at `startsAt`. */
  private async pair(
    tx: EntityManager,
    s: NetworkingSettings,
    groupId: string,
    round: number,
    startsAt: Date,
  ): Promise<void> {
    const present = await this.repo.presentGoing(tx, s.eventId);
    const ids = present.map((p) => p.userId);
    const result = pairRound({
      people: present.map((p) => ({ id: p.userId, interests: p.interests })),
      pastPairs: await this.repo.pastPairs(tx, s.eventId),
      blocks: await this.repo.blocksAmong(tx, groupId, ids),
      groupSize: s.groupSize,
      useInterests: s.useInterests,
      seed: `${s.eventId}:${round}`,
    });
    for (const group of result.groups) {
      const roomId = await this.repo.createRoom(tx, s.eventId, round, newRoomName());
      await this.repo.assign(tx, s.eventId, round, roomId, group);
    }
    await this.repo.saveState(tx, s.eventId, {
      status: 'running',
      currentRound: round,
      roundStartedAt: startsAt,
      pausedElapsedMs: null,
    });
    this.logger.log(
      `event ${s.eventId} round ${round}: ${result.groups.length} rooms, ${result.waiting.length} waiting, ${result.repeatedPairs} repeats`,
    );
  }
}

export function requireNetworkingKind(kind: string): void {
  if (!NETWORKING_KINDS.includes(kind))
    throw networkingError(
      'NETWORKING_NOT_AVAILABLE',
      'Networking rounds are for virtual networking and hybrid events',
    );
}

function unique(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}
