import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@app/core';
import { EventContext, EventContextService } from '@app/events';
import { UsersService } from '@app/identity';
import { networkingError } from '../networking.errors';
import { NetworkingRepository, NetworkingSettings, Participant } from '../networking.repository';
import { roomUrl } from '../rounds/room-links';
import type { Phase } from '../rounds/round-plan';
import { RoundsService, requireNetworkingKind } from '../rounds/rounds.service';

export interface ParticipationInput {
  showAs: 'display_name' | 'pseudonym';
  pseudonym?: string;
  intro?: string | null;
  interests?: string[];
}

export interface RoomMate {
  userId: string;
  shownName: string;
  intro: string | null;
  sharedInterests: string[];
}

/** What a participant sees on the live page: their own room and nothing about anyone else. */
export interface LiveView {
  phase: Phase;
  round: number;
  rounds: number;
  roundMinutes: number;
  breakMinutes: number;
  nextChangeAt: Date | null;
  interestTags: string[];
  useInterests: boolean;
  me: {
    shownName: string;
    usesPseudonym: boolean;
    intro: string | null;
    interests: string[];
    present: boolean;
  } | null;
  room: { url: string; people: RoomMate[] } | null;
}

/** A member's own side of the rounds: opt in or out, presence, and their room. */
@Injectable()
export class ParticipationService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
    @Inject(RoundsService) private readonly rounds: RoundsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async live(eventId: string, userId: string): Promise<LiveView> {
    await this.requireNetworkingEvent(eventId, userId);
    const current = await this.rounds.current(eventId);
    if (!current)
      throw networkingError('NETWORKING_NOT_CONFIGURED', 'Networking rounds are not set up for this event');
    const { settings: s, phase } = current;
    const tx = this.dataSource.manager;
    const me = await this.repo.participant(tx, eventId, userId);
    let room: LiveView['room'] = null;
    if (me && phase.phase === 'round') {
      const mine = await this.repo.myRoom(tx, eventId, phase.round, userId);
      if (mine)
        room = {
          url: roomUrl(this.rounds.roomUrlTemplate, mine.roomName),
          people: mine.others.map((o) => ({
            userId: o.userId,
            shownName: o.shownName,
            intro: o.intro,
            sharedInterests: s.useInterests ? o.interests.filter((i) => me.interests.includes(i)) : [],
          })),
        };
    }
    return {
      phase: phase.phase,
      round: phase.round,
      rounds: s.rounds,
      roundMinutes: s.roundMinutes,
      breakMinutes: s.breakMinutes,
      nextChangeAt: phase.nextChangeAt,
      interestTags: s.interestTags,
      useInterests: s.useInterests,
      me: me
        ? {
            shownName: me.shownName,
            usesPseudonym: me.usesPseudonym,
            intro: me.intro,
            interests: me.interests,
            present: me.presentSince !== null,
          }
        : null,
      room,
    };
  }

  /** Joins the rounds (or changes how I appear). Only people going to the event may. */
  async optIn(eventId: string, userId: string, input: ParticipationInput): Promise<void> {
    const user = await this.users.get(userId);
    await this.dataSource.transaction(async (tx) => {
      const context = await this.requireNetworkingEvent(eventId, userId, tx);
      requireGoing(context);
      const s = await this.requireSettings(tx, eventId);
      const interests = [...new Set(input.interests ?? [])];
      const unknown = interests.filter((i) => !s.interestTags.includes(i));
      if (unknown.length > 0)
        throw networkingError('NETWORKING_INTEREST_UNKNOWN', 'Choose interests from the event’s list', {
          unknown,
        });
      const pseudonym = input.pseudonym?.trim() ?? '';
      if (input.showAs === 'pseudonym' && pseudonym.length === 0)
        throw new DomainError('VALIDATION_FAILED', 'A pseudonym is needed to appear under one', {
          fields: ['pseudonym'],
        });
      await this.repo.saveParticipant(tx, eventId, {
        userId,
        shownName: input.showAs === 'pseudonym' ? pseudonym : user.displayName,
        usesPseudonym: input.showAs === 'pseudonym',
        intro: input.intro?.trim() || null,
        interests,
      });
    });
  }

  async optOut(eventId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.requireNetworkingEvent(eventId, userId, tx);
      await this.leaveCurrentRoom(tx, eventId, userId);
      await this.repo.removeParticipant(tx, eventId, userId);
    });
  }

  /** "I'm here": seated from the next round that is paired. */
  async arrive(eventId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const context = await this.requireNetworkingEvent(eventId, userId, tx);
      requireGoing(context);
      const me = await this.requireParticipant(tx, eventId, userId);
      if (!me.presentSince) await this.repo.setPresence(tx, eventId, userId, this.clock.now());
    });
  }

  /** Leaves the current room and later rounds (until "I'm here" again). */
  async leave(eventId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.requireNetworkingEvent(eventId, userId, tx);
      await this.requireParticipant(tx, eventId, userId);
      await this.repo.setPresence(tx, eventId, userId, null);
      await this.leaveCurrentRoom(tx, eventId, userId);
    });
  }

  private async leaveCurrentRoom(tx: EntityManager, eventId: string, userId: string): Promise<void> {
    const s = await this.repo.settings(tx, eventId);
    if (s && s.currentRound > 0)
      await this.repo.leaveRoom(tx, eventId, s.currentRound, userId, this.clock.now());
  }

  async requireNetworkingEvent(eventId: string, userId: string, tx?: EntityManager): Promise<EventContext> {
    const context = await this.contexts.require(eventId, userId, 'view', tx);
    requireNetworkingKind(context.event.kind);
    return context;
  }

  private async requireSettings(tx: EntityManager, eventId: string): Promise<NetworkingSettings> {
    const s = await this.repo.settings(tx, eventId);
    if (!s)
      throw networkingError('NETWORKING_NOT_CONFIGURED', 'Networking rounds are not set up for this event');
    return s;
  }

  private async requireParticipant(tx: EntityManager, eventId: string, userId: string): Promise<Participant> {
    const me = await this.repo.participant(tx, eventId, userId);
    if (!me) throw networkingError('NETWORKING_NOT_OPTED_IN', 'Join the networking rounds first');
    return me;
  }
}

function requireGoing(context: EventContext): void {
  if (context.myRsvp !== 'going')
    throw networkingError('NETWORKING_GOING_REQUIRED', 'Only people going to the event can join the rounds');
}
