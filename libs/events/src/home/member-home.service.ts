import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import type { RsvpStatus } from '@app/core';
import type { EventKind, EventStatus } from '../events/event.entity';
import { MemberHomeRepository } from './member-home.repository';

export interface HomeEvent {
  id: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  groupName: string;
  groupSlug: string;
  /** The person's answer; null while the invitation awaits one. */
  rsvpStatus: RsvpStatus | null;
  waitlistPosition: number | null;
}

/** What the member home lists: events I answered (with my answer) and invitations awaiting one. */
@Injectable()
export class MemberHomeService {
  constructor(
    @Inject(MemberHomeRepository) private readonly repository: MemberHomeRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async upcoming(userId: string): Promise<{ answered: HomeEvent[]; awaiting: HomeEvent[] }> {
    const rows = await this.repository.upcoming(userId, this.clock.now());
    const events = rows.map((r): HomeEvent => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      timezone: r.timezone,
      groupName: r.group_name,
      groupSlug: r.group_slug,
      rsvpStatus: r.rsvp_status,
      waitlistPosition: r.waitlist_position,
    }));
    return {
      answered: events.filter((e) => e.rsvpStatus !== null),
      awaiting: events.filter((e) => e.rsvpStatus === null && e.status === 'scheduled'),
    };
  }
}
