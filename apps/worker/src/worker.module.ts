import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { HousekeepingWorker } from './housekeeping.worker';
import { OutboxWorker } from './outbox.worker';
import { RemindersWorker } from './reminders.worker';

/** Background loops; included when HEARTH_ROLE is `all` or `worker`. */
@Module({ imports: [EventsModule], providers: [OutboxWorker, HousekeepingWorker, RemindersWorker] })
export class WorkerModule {}
