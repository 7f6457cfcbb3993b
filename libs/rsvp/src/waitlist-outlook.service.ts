import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import type { EventEntity } from '@app/events';
import type { RsvpMode } from './rsvp.entity';
import { capacityFor } from './rsvp-rules';
import { PersonInLine, WaitlistOutlookRepository } from './waitlist-outlook.repository';

/**
 * "Going" would put this person on the waitlist (of this mode, for a hybrid event) at this position.
 * The position is null when the viewer may not know how many attend: it tells how many wait.
 */
export interface WaitlistWarning {
  mode: RsvpMode | null;
  position: number | null;
}

export interface OutlookOptions {
  /**
   * The viewer may see this event's attendee counts (its EventView.attendees is not 'none'), so the
   * warning may say how many wait before them. Their own place once in line is always theirs to see.
   */
  showPosition: boolean;
}

export interface WaitlistOutlook {
  /** The person's RSVP and place in line, or null when they have not answered. */
  mine: PersonInLine | null;
  /** Where a "going" would land them now on the waitlist, one entry per mode that is full; empty when it would not. */
  warnings: WaitlistWarning[];
}

type OutlookEvent = Pick<
  EventEntity,
  | 'id'
  | 'kind'
  | 'status'
  | 'capacity'
  | 'onlineCapacity'
  | 'waitlistEnabled'
  | 'approvalRequired'
  | 'endsAt'
  | 'rsvpOpensAt'
  | 'rsvpClosesAt'
>;

/**
 * What answering "going" would do for one person right now, read without locks for the member pages:
 * the same seat arithmetic as RsvpService (capacity per mode for hybrid events, the FIFO waitlist per
 * mode as WaitlistService promotes it). A place in line is counted as WaitlistService orders it, so the
 * position shown before and after answering is the one the person holds.
 */
@Injectable()
export class WaitlistOutlookService {
  constructor(
    @Inject(WaitlistOutlookRepository) private readonly repository: WaitlistOutlookRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** This person's place in line (per mode for a hybrid event), or null when they are not waiting. */
  async position(event: Pick<EventEntity, 'id' | 'kind'>, userId: string): Promise<number | null> {
    const mine = await this.repository.person(event.id, userId, event.kind === 'hybrid');
    return mine?.position ?? null;
  }

  async outlook(
    event: OutlookEvent,
    userId: string | null,
    options: OutlookOptions,
  ): Promise<WaitlistOutlook> {
    const hybrid = event.kind === 'hybrid';
    const mine = userId ? await this.repository.person(event.id, userId, hybrid) : null;
    const canWait =
      event.status === 'scheduled' &&
      this.answersOpen(event) &&
      event.waitlistEnabled &&
      !event.approvalRequired &&
      (event.capacity !== null || (hybrid && event.onlineCapacity !== null)) &&
      mine?.status !== 'waitlisted' &&
      mine?.status !== 'pending_approval';
    if (!canWait) return { mine, warnings: [] };
    const rows = await this.repository.seatsByMode(event.id);
    const modes: RsvpMode[] = hybrid
      ? ['in_person', 'online']
      : [event.kind === 'in_person' ? 'in_person' : 'online'];
    const needed = 1 + (mine && mine.status !== 'declined' ? mine.guests : 0);
    const warnings: WaitlistWarning[] = [];
    for (const mode of modes) {
      // A person already going in this mode keeps their seat.
      if (mine?.status === 'going' && (!hybrid || mine.mode === mode)) continue;
      const capacity = capacityFor(event, mode);
      if (capacity === null) continue;
      const counted = rows.filter((r) => !hybrid || r.mode === mode);
      const taken = counted.reduce((n, r) => n + r.taken, 0);
      const waiting = counted.reduce((n, r) => n + r.waiting, 0);
      if (capacity - taken < needed)
        warnings.push({ mode: hybrid ? mode : null, position: options.showPosition ? waiting + 1 : null });
    }
    return { mine, warnings };
  }

  /** A "going" is accepted now (RsvpService's window): otherwise Going is refused, not waitlisted. */
  private answersOpen(event: OutlookEvent): boolean {
    const now = this.clock.now().getTime();
    if (now >= event.endsAt.getTime()) return false;
    if (event.rsvpOpensAt && now < event.rsvpOpensAt.getTime()) return false;
    return !(event.rsvpClosesAt && now >= event.rsvpClosesAt.getTime());
  }
}
