import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '@app/core';
import { EventEntity } from '../events/event.entity';
import { InvitationsService } from '../invitations/invitations.service';
import { RemindersRepository } from './reminders.repository';

/**
 * Reminders before an event, at the group's offsets (24 h and 1 h by default), to people going.
 * Schedules live in PostgreSQL: what is due is computed from the events themselves and what was sent
 * is recorded in event_reminders in the same transaction as the outbox rows, so a reminder goes out
 * once — across restarts and with any number of workers. Finding what is due reads the groups'
 * reminder offsets (a shared read model in RemindersRepository, README "Data ownership").
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RemindersRepository) private readonly repository: RemindersRepository,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(Clock) private readonly clock: Clock,
    @InjectRepository(EventEntity) private readonly eventRepository: Repository<EventEntity>,
  ) {}

  /** Sends what is due at `now`; returns how many reminder batches (event × offset) it sent. */
  async runDue(now: Date = this.clock.now()): Promise<number> {
    const due = await this.repository.due(now);
    let sent = 0;
    for (const row of due) {
      const done = await this.dataSource.transaction(async (tx) => {
        const claimed = await this.repository.claim(tx, row.event_id, row.offset_hours);
        if (!claimed) return false;
        const event = await tx.withRepository(this.eventRepository).findOneByOrFail({ id: row.event_id });
        const recipients = await this.invitations.sendReminders(tx, event, row.offset_hours);
        await this.repository.recordRecipients(tx, row.event_id, row.offset_hours, recipients);
        return true;
      });
      if (done) sent++;
    }
    if (sent > 0) this.logger.log(`sent ${sent} reminder batches`);
    return sent;
  }
}
