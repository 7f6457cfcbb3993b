import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';
import type { RsvpStatus } from '@app/core';
import type { EventKind, EventStatus } from '../events/event.entity';

export interface MemberHomeRow {
  id: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  group_name: string;
  group_slug: string;
  rsvp_status: RsvpStatus | null;
  waitlist_position: number | null;
}

const MAX_ROWS = 200;

/**
 * The member home's read (a shared read model, README "Data ownership"): the events a person
 * answered or was invited to (invitation not revoked) that have not ended, with their group, their
 * answer and place on the waitlist, in one statement. Drafts and groups they are banned from are
 * left out.
 */
@Injectable()
export class MemberHomeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  upcoming(userId: string, now: Date): Promise<MemberHomeRow[]> {
    return queryRows<MemberHomeRow>(
      this.dataSource,
      `WITH mine AS (
         SELECT event_id FROM rsvps WHERE user_id = $1
         UNION
         SELECT event_id FROM invitations WHERE user_id = $1 AND revoked_at IS NULL)
       SELECT e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.timezone,
              g.name AS group_name, g.slug AS group_slug, r.status AS rsvp_status,
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM rsvps w
                  WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)
              END AS waitlist_position
         FROM mine
         JOIN events e ON e.id = mine.event_id
         JOIN groups g ON g.id = e.group_id
         LEFT JOIN rsvps r ON r.event_id = e.id AND r.user_id = $1
        WHERE e.status <> 'draft' AND e.ends_at > $2
          AND NOT EXISTS (SELECT 1 FROM memberships m
                           WHERE m.group_id = e.group_id AND m.user_id = $1 AND m.status = 'banned')
        ORDER BY e.starts_at, e.id
        LIMIT ${MAX_ROWS}`,
      [userId, now],
    );
  }
}
