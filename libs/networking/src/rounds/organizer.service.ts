import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError, notFound } from '@app/core';
import { GroupAccessService } from '@app/community';
import { EventContextService } from '@app/events';
import { networkingError } from '../networking.errors';
import { NetworkingRepository, NetworkingSettings, ReportRow } from '../networking.repository';
import { roomUrl } from './room-links';
import { type Phase, planMinutes, schedule } from './round-plan';
import { RoundsService, requireNetworkingKind } from './rounds.service';

export interface PlanView {
  settings: NetworkingSettings | null;
  phase: Phase;
  round: number;
  nextChangeAt: Date | null;
  timezone: string;
  totalMinutes: number | null;
  schedule: Array<{ round: number; startsAt: Date; endsAt: Date }>;
  optedIn: number;
  present: number;
  rounds: Array<{
    round: number;
    rooms: Array<{
      roomId: string;
      url: string;
      members: Array<{ userId: string; shownName: string; left: boolean }>;
    }>;
  }>;
}

type PlanRoom = PlanView['rounds'][number]['rooms'][number];

/**
 * What organizers see and do: the whole plan (who sits where, as user ids and shown names; never
 * anyone's stay-in-touch answers), moving a person, and the reports filed from rooms.
 */
@Injectable()
export class OrganizerNetworkingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
    @Inject(RoundsService) private readonly rounds: RoundsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(GroupAccessService) private readonly groups: GroupAccessService,
  ) {}

  async plan(eventId: string, userId: string): Promise<PlanView> {
    const { event } = await this.contexts.require(eventId, userId, 'organizer');
    requireNetworkingKind(event.kind);
    const current = await this.rounds.current(eventId);
    const tx = this.dataSource.manager;
    const counts = await this.repo.participantCounts(tx, eventId);
    const members = await this.repo.roundMembers(tx, eventId);
    const names = new Map<string, string>();
    const participants = await this.repo.presentGoing(tx, eventId);
    for (const p of participants) names.set(p.userId, p.shownName);
    const byRound = new Map<number, Map<string, PlanRoom>>();
    for (const m of members) {
      const rooms = byRound.get(m.round) ?? new Map<string, PlanRoom>();
      byRound.set(m.round, rooms);
      const room: PlanRoom = rooms.get(m.roomId) ?? {
        roomId: m.roomId,
        url: roomUrl(this.rounds.roomUrlTemplate, m.roomName),
        members: [],
      };
      rooms.set(m.roomId, room);
      const shown =
        names.get(m.userId) ?? (await this.repo.participant(tx, eventId, m.userId))?.shownName ?? '';
      names.set(m.userId, shown);
      room.members.push({ userId: m.userId, shownName: shown, left: m.leftAt !== null });
    }
    const s = current?.settings ?? null;
    return {
      settings: s,
      phase: current?.phase.phase ?? 'not_started',
      round: current?.phase.round ?? 0,
      nextChangeAt: current?.phase.nextChangeAt ?? null,
      timezone: event.timezone,
      totalMinutes: s ? planMinutes(s) : null,
      schedule: s ? schedule(s, firstRoundStart(s, event.startsAt)) : [],
      optedIn: counts.optedIn,
      present: counts.present,
      rounds: [...byRound.entries()].map(([round, rooms]) => ({ round, rooms: [...rooms.values()] })),
    };
  }

  /** Moves a person into another room of the current round, unless a block forbids it. */
  async move(eventId: string, userId: string, personId: string, roomId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { event } = await this.contexts.require(eventId, userId, 'organizer', tx);
      requireNetworkingKind(event.kind);
      const s = await this.rounds.advance(tx, eventId, this.clock.now());
      if (s.status !== 'running' && s.status !== 'paused')
        throw networkingError(
          'NETWORKING_STATE_INVALID',
          'People can be moved only while rounds are under way',
        );
      const members = await this.repo.roomOfRound(tx, eventId, s.currentRound, roomId);
      if (!members)
        throw networkingError('NETWORKING_MOVE_REFUSED', 'That room is not part of the current round');
      if (!(await this.repo.participant(tx, eventId, personId)))
        throw networkingError('NETWORKING_NOT_OPTED_IN', 'That person has not joined the rounds');
      for (const m of members)
        if (m !== personId && (await this.repo.isBlockedEitherWay(tx, event.groupId, m, personId)))
          throw networkingError('NETWORKING_MOVE_REFUSED', 'This person cannot be moved into that room');
      await this.repo.assign(tx, eventId, s.currentRound, roomId, [personId]);
      await this.repo.touch(tx, eventId);
    });
  }

  /** The event's reports, for the group's moderators (and organizers, who moderate too). */
  async reports(eventId: string, userId: string): Promise<ReportRow[]> {
    const { group } = await this.contexts.require(eventId, userId);
    if (!group.access.canModerate)
      throw new DomainError('FORBIDDEN', 'Only moderators of this group can do this');
    return this.repo.reports(this.dataSource.manager, eventId);
  }

  /** Every networking report of the group's events, in one status: the moderation queue's networking part. */
  async groupReports(
    slug: string,
    userId: string,
    status: 'open' | 'resolved',
  ): Promise<Array<ReportRow & { eventId: string; eventTitle: string }>> {
    const { group } = await this.groups.require(slug, userId, 'moderate');
    return this.repo.reportsOfGroup(this.dataSource.manager, group.id, status);
  }

  async resolveReport(slug: string, userId: string, reportId: string): Promise<void> {
    const { group } = await this.groups.require(slug, userId, 'moderate');
    if (!(await this.repo.resolveReport(this.dataSource.manager, group.id, reportId)))
      throw notFound('Report');
  }
}

/** When round 1 began (or, before the start, the event's start), for the projected schedule. */
function firstRoundStart(s: NetworkingSettings, eventStart: Date): Date {
  if (!s.roundStartedAt || s.currentRound === 0) return eventStart;
  const back = (s.currentRound - 1) * (s.roundMinutes + s.breakMinutes) * 60_000;
  return new Date(s.roundStartedAt.getTime() - back);
}
