import { Inject, Injectable } from '@nestjs/common';
import { EventContextService } from '@app/events';
import { AttendeeRow, attendeesCsv } from './attendee-csv';
import { AttendeesRepository } from './attendees.repository';
import { RsvpEntity, RsvpStatus } from './rsvp.entity';

export interface AttendeeView extends AttendeeRow {
  userId: string;
  source: string;
  updatedAt: Date;
}

export interface AttendeeList {
  /** Full rows for organizers; names of people going when the event opts in; otherwise empty. */
  items: Array<AttendeeView | { displayName: string }>;
  /** Seats taken by people going, when the viewer may know it. */
  goingCount: number | null;
}

export interface MyRsvp {
  status: RsvpStatus;
  guests: number;
  mode: string | null;
  answers: Record<string, string>;
  waitlistPosition: number | null;
  checkedInAt: Date | null;
  cocAcknowledged: boolean;
}

/** Who is coming, for whom: organizers see everything, others only what the event opts into. */
@Injectable()
export class AttendeesService {
  constructor(
    @Inject(AttendeesRepository) private readonly repository: AttendeesRepository,
    @Inject(EventContextService) private readonly contexts: EventContextService,
  ) {}

  async list(eventId: string, userId: string | null, status?: RsvpStatus): Promise<AttendeeList> {
    const { view } = await this.contexts.require(eventId, userId);
    if (view.attendees === 'none') return { items: [], goingCount: null };
    const goingCount = await this.goingCount(eventId);
    if (view.attendees === 'count') return { items: [], goingCount };
    if (view.attendees === 'names') {
      const rows = await this.repository.rows(eventId, 'going');
      return { items: rows.map((r) => ({ displayName: r.displayName })), goingCount };
    }
    return {
      items: await this.repository.rows(eventId, status ?? null),
      goingCount,
    };
  }

  async csv(eventId: string, userId: string): Promise<{ filename: string; body: string }> {
    const { event } = await this.contexts.require(eventId, userId, 'organizer');
    const rows = await this.repository.rows(eventId, null);
    return { filename: `attendees-${event.id}.csv`, body: attendeesCsv(rows, event.questions) };
  }

  async mine(eventId: string, userId: string): Promise<MyRsvp | null> {
    await this.contexts.require(eventId, userId);
    const row = await this.repository.mine(eventId, userId);
    if (!row) return null;
    const { coc_acknowledged_at, ...rest } = row;
    return { ...rest, cocAcknowledged: coc_acknowledged_at !== null };
  }

  /**
   * The caller's own RSVP from the row the RSVP service just wrote (visibility was checked there), so
   * answering does not read the event and the RSVP a second time; only a waitlist place costs a query.
   */
  async view(rsvp: RsvpEntity): Promise<MyRsvp> {
    let waitlistPosition: number | null = null;
    if (rsvp.status === 'waitlisted' && rsvp.waitlistSeq !== null) {
      waitlistPosition = await this.repository.waitlistPosition(rsvp.eventId, rsvp.waitlistSeq);
    }
    return {
      status: rsvp.status,
      guests: rsvp.guests,
      mode: rsvp.mode,
      answers: rsvp.answers,
      waitlistPosition,
      checkedInAt: rsvp.checkedInAt,
      cocAcknowledged: rsvp.cocAcknowledgedAt !== null,
    };
  }

  async history(eventId: string, actorId: string): Promise<Array<Record<string, unknown>>> {
    await this.contexts.require(eventId, actorId, 'organizer');
    return this.repository.history(eventId);
  }

  private goingCount(eventId: string): Promise<number> {
    return this.repository.goingCount(eventId);
  }
}
