import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock, queryRows } from '@app/core';
import { EventEntity } from '../events/event.entity';
import { InvitationsService } from '../invitations/invitations.service';

interface DueRow {
  event_id: string;
  offset_hours: number;
}

/**
 * Reminders before an event, at the group's offsets (24 h and 1 h by default), to people going.
 * Schedules live in PostgreSQL: what is due is computed from the events themselves and what was sent
 * is recorded in event_reminders in the same transaction as the outbox rows, so a reminder goes out
 * once — across restarts and with any number of workers. Finding what is due reads the groups'
 * reminder offsets (a shared read model, README "Data ownership").
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(Clock) private readonly clock: Clock,
    @InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>,
  ) {}

  /** Sends what is due at `now`; returns how many reminder batches (event × offset) it sent. */
  async runDue(now: Date = this.clock.now()): Promise<number> {
    const due = await queryRows<DueRow>(
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
    let sent = 0;
    for (const row of due) {
      const done = await this.dataSource.transaction(async (tx) => {
        const claimed = await queryRows<{ event_id: string }>(
          tx,
          `INSERT INTO event_reminders (event_id, offset_hours, recipients) VALUES ($1, $2, 0)
           ON CONFLICT ON CONSTRAINT "PK_event_reminders" DO NOTHING RETURNING event_id`,
          [row.event_id, row.offset_hours],
        );
        if (claimed.length === 0) return false;
        const event = await tx.withRepository(this.eventRepository).findOneByOrFail({ id: row.event_id });
        const recipients = await this.invitations.sendReminders(tx, event, row.offset_hours);
        await tx.query(
          `UPDATE event_reminders SET recipients = $3 WHERE event_id = $1 AND offset_hours = $2`,
          [row.event_id, row.offset_hours, recipients],
        );
        return true;
      });
      if (done) sent++;
    }
    if (sent > 0) this.logger.log(`sent ${sent} reminder batches`);
    return sent;
  }
}
