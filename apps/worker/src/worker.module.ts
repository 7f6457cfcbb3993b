import { Module } from '@nestjs/common';
import { HousekeepingWorker } from './housekeeping.worker';
import { OutboxWorker } from './outbox.worker';

/** Background loops; included when HEARTH_ROLE is `all` or `worker`. */
@Module({ providers: [OutboxWorker, HousekeepingWorker] })
export class WorkerModule {}
