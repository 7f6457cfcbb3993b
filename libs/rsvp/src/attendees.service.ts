import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';
import { EventContextService } from '@app/events';
import { AttendeeRow, attendeesCsv } from './attendee-csv';
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

const ROWS_SQL = `
  SELECT r.user_id AS "userId", u.display_name AS "displayName", u.pronouns, r.status, r.mode, r.guests, r.answers,
         r.checked_in_at AS "checkedInAt", r.source, r.updated_at AS "updatedAt",
         CASE WHEN r.status = 'waitlisted'
              THEN row_number() OVER (PARTITION BY r.status = 'waitlisted' ORDER BY r.waitlist_seq) END::int AS "waitlistPosition"
    FROM rsvps r JOIN users u ON u.id = r.user_id
   WHERE r.event_id = $1 AND ($2::text IS NULL OR r.status = $2)
   ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'waitlisted' THEN 2 WHEN 'maybe' THEN 3 ELSE 4 END,
            r.waitlist_seq NULLS LAST, u.display_name, r.user_id`;

/** Who is coming, for whom: organizers see everything, others only what the event opts into. */
@Injectable()
export class AttendeesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
  ) {}

  async list(eventId: string, userId: string | null, status?: RsvpStatus): Promise<AttendeeList> {
    const { view } = await this.contexts.require(eventId, userId);
    if (view.attendees === 'none') return { items: [], goingCount: null };
    const goingCount = await this.goingCount(eventId);
    if (view.attendees === 'count') return { items: [], goingCount };
    if (view.attendees === 'names') {
      const rows = await queryRows<AttendeeView>(this.dataSource, ROWS_SQL, [eventId, 'going']);
      return { items: rows.map((r) => ({ displayName: r.displayName })), goingCount };
    }
    return {
      items: await queryRows<AttendeeView>(this.dataSource, ROWS_SQL, [eventId, status ?? null]),
      goingCount,
    };
  }

  async csv(eventId: string, userId: string): Promise<{ filename: string; body: string }> {
    const { event } = await this.contexts.require(eventId, userId, 'organizer');
    const rows = await queryRows<AttendeeView>(this.dataSource, ROWS_SQL, [eventId, null]);
    return { filename: `attendees-${event.id}.csv`, body: attendeesCsv(rows, event.questions) };
  }

  async mine(eventId: string, userId: string): Promise<MyRsvp | null> {
    await this.contexts.require(eventId, userId);
    const [row] = await queryRows<MyRsvp & { coc_acknowledged_at: Date | null }>(
      this.dataSource,
      `SELECT r.status, r.guests, r.mode, r.answers, r.checked_in_at AS "checkedInAt", r.coc_acknowledged_at,
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM rsvps w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)
              END AS "waitlistPosition"
         FROM rsvps r WHERE r.event_id = $1 AND r.user_id = $2`,
      [eventId, userId],
    );
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
      const [row] = await queryRows<{ n: number }>(
        this.dataSource,
        `SELECT count(*)::int AS n FROM rsvps WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_seq <= $2`,
        [rsvp.eventId, rsvp.waitlistSeq],
      );
      waitlistPosition = row?.n ?? null;
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
    return queryRows(
      this.dataSource,
      `SELECT h.user_id AS "userId", u.display_name AS "displayName", h.from_status AS "from", h.to_status AS "to",
              h.guests, h.source, h.actor_id AS "actorId", h.note, h.created_at AS "at"
         FROM rsvp_history h JOIN users u ON u.id = h.user_id
        WHERE h.event_id = $1 ORDER BY h.id`,
      [eventId],
    );
  }

  private async goingCount(eventId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT coalesce(sum(1 + guests), 0)::int AS n FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [eventId],
    );
    return row?.n ?? 0;
  }
}
