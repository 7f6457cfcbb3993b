import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';
import type { RsvpMode, RsvpStatus } from './rsvp.entity';

/** Seats taken and people waiting, for the RSVPs of one mode (null: RSVPs without a mode). */
export interface SeatsByMode {
  mode: RsvpMode | null;
  taken: number;
  waiting: number;
}

/** One person's RSVP with their place in line (per mode when `perMode`), or null when they have none. */
export interface PersonInLine {
  status: RsvpStatus;
  mode: RsvpMode | null;
  guests: number;
  position: number | null;
}

/**
 * Read-only views of the waitlist for the member pages: how full each mode is and how many wait, and
 * where one person stands. Nothing here writes; the RSVP write path is RsvpRepository's.
 */
@Injectable()
export class WaitlistOutlookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  seatsByMode(eventId: string): Promise<SeatsByMode[]> {
    return queryRows<SeatsByMode>(
      this.dataSource,
      `SELECT mode, coalesce(sum(1 + guests) FILTER (WHERE status = 'going'), 0)::int AS taken,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
         FROM rsvps WHERE event_id = $1 AND status IN ('going', 'waitlisted') GROUP BY mode`,
      [eventId],
    );
  }

  async person(eventId: string, userId: string, perMode: boolean): Promise<PersonInLine | null> {
    const [row] = await queryRows<PersonInLine>(
      this.dataSource,
      `SELECT r.status, r.mode, r.guests,
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM rsvps w
                  WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq
                    AND (NOT $3::boolean OR w.mode IS NOT DISTINCT FROM r.mode))
              END AS position
         FROM rsvps r WHERE r.event_id = $1 AND r.user_id = $2`,
      [eventId, userId, perMode],
    );
    return row ?? null;
  }
}
