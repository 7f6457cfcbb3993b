import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';
import type { AttendeeView, MyRsvp } from './attendees.service';

const ROWS_SQL = `
  SELECT r.user_id AS "userId", u.display_name AS "displayName", u.pronouns, r.status, r.mode, r.guests, r.answers,
         r.checked_in_at AS "checkedInAt", r.source, r.updated_at AS "updatedAt",
         CASE WHEN r.status = 'waitlisted'
              THEN row_number() OVER (PARTITION BY r.status = 'waitlisted' ORDER BY r.waitlist_seq) END::int AS "waitlistPosition"
    FROM rsvps r JOIN users u ON u.id = r.user_id
   WHERE r.event_id = $1 AND ($2::text IS NULL OR r.status = $2)
   ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'waitlisted' THEN 2 WHEN 'maybe' THEN 3 ELSE 4 END,
            r.waitlist_seq NULLS LAST, u.display_name, r.user_id`;

/** The attendee list's reads: RSVPs with attendees' display names (README "Data ownership"). */
@Injectable()
export class AttendeesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Attendees of an event, optionally of one status, in list order. */
  rows(eventId: string, status: string | null): Promise<AttendeeView[]> {
    return queryRows<AttendeeView>(this.dataSource, ROWS_SQL, [eventId, status]);
  }

  /** One person's RSVP with its waitlist place. */
  async mine(
    eventId: string,
    userId: string,
  ): Promise<(Omit<MyRsvp, 'cocAcknowledged'> & { coc_acknowledged_at: Date | null }) | null> {
    const [row] = await queryRows<MyRsvp & { coc_acknowledged_at: Date | null }>(
      this.dataSource,
      `SELECT r.status, r.guests, r.mode, r.answers, r.checked_in_at AS "checkedInAt", r.coc_acknowledged_at,
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM rsvps w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)
              END AS "waitlistPosition"
         FROM rsvps r WHERE r.event_id = $1 AND r.user_id = $2`,
      [eventId, userId],
    );
    return row ?? null;
  }

  /** The place in line of a waitlisted RSVP with this sequence number. */
  async waitlistPosition(eventId: string, waitlistSeq: string): Promise<number | null> {
    const [row] = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM rsvps WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_seq <= $2`,
      [eventId, waitlistSeq],
    );
    return row?.n ?? null;
  }

  /** An event's RSVP history with the display names, oldest first. */
  history(eventId: string): Promise<Array<Record<string, unknown>>> {
    return queryRows(
      this.dataSource,
      `SELECT h.user_id AS "userId", u.display_name AS "displayName", h.from_status AS "from", h.to_status AS "to",
              h.guests, h.source, h.actor_id AS "actorId", h.note, h.created_at AS "at"
         FROM rsvp_history h JOIN users u ON u.id = h.user_id
        WHERE h.event_id = $1 ORDER BY h.id`,
      [eventId],
    );
  }

  /** Seats taken by people going (with their guests). */
  async goingCount(eventId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT coalesce(sum(1 + guests), 0)::int AS n FROM rsvps WHERE event_id = $1 AND status = 'going'`,
      [eventId],
    );
    return row?.n ?? 0;
  }
}
