import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@app/core';

export interface DueRow {
  event_id: string;
  offset_hours: number;
}

/**
 * Reminder schedules: what is due (a shared read model of the groups' reminder offsets, README
 * "Data ownership") and what was sent, in event_reminders.
 */
@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Event × offset pairs due at `now` and not yet sent, nearest start first (at most 200). */
  due(now: Date): Promise<DueRow[]> {
    return queryRows<DueRow>(
      this.dataSource,
      `SELECT e.id AS event_id, h AS offset_hours
         FROM events e JOIN groups g ON g.id = e.group_id, unnest(g.reminder_hours) AS h
        WHERE e.status = 'scheduled' AND e.starts_at > $1 AND e.starts_at - make_interval(hours => h) <= $1
          AND NOT EXISTS (SELECT 1 FROM event_reminders r WHERE r.event_id = e.id AND r.offset_hours = h)
          -- Once a shorter offset is due the longer one is stale: a late start sends only the nearer one.
          AND NOT EXISTS (SELECT 1 FROM unnest(g.reminder_hours) AS h2 WHERE h2 < h AND e.starts_at - make_interval(hours => h2) <= $1)
        ORDER BY e.starts_at
        LIMIT 200`,
      [now],
    );
  }

  /** Claims one reminder batch; false when another worker already sent it. */
  async claim(tx: EntityManager, eventId: string, offsetHours: number): Promise<boolean> {
    const claimed = await queryRows<{ event_id: string }>(
      tx,
      `INSERT INTO event_reminders (event_id, offset_hours, recipients) VALUES ($1, $2, 0)
           ON CONFLICT ON CONSTRAINT "PK_event_reminders" DO NOTHING RETURNING event_id`,
      [eventId, offsetHours],
    );
    return claimed.length > 0;
  }

  async recordRecipients(
    tx: EntityManager,
    eventId: string,
    offsetHours: number,
    recipients: number,
  ): Promise<void> {
    await tx.query(`UPDATE event_reminders SET recipients = $3 WHERE event_id = $1 AND offset_hours = $2`, [
      eventId,
      offsetHours,
      recipients,
    ]);
  }
}
