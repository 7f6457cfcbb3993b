import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { InboundModule } from '@app/inbound';
import { FanoutWorker } from './fanout.worker';
import { HousekeepingWorker } from './housekeeping.worker';
import { IMAP_CLIENT_FACTORY, imapFlowFactory, InboundImapWorker } from './inbound-imap.worker';
import { InboundRetentionWorker } from './inbound-retention.worker';
import { InboundSmtpListener } from './inbound-smtp.listener';
import { OutboxWorker } from './outbox.worker';
import { RemindersWorker } from './reminders.worker';

/**
 * The background loops (outbox dispatch, fan-out jobs, reminders, housekeeping, inbound SMTP/IMAP, inbound retention).
 * Composed by apps/worker, and by apps/api when HEARTH_ROLE is `all` (single-process mode) or `worker`.
 */
@Module({
  imports: [EventsModule, InboundModule],
  providers: [
    OutboxWorker,
    FanoutWorker,
    HousekeepingWorker,
    RemindersWorker,
    InboundSmtpListener,
    InboundImapWorker,
    InboundRetentionWorker,
    { provide: IMAP_CLIENT_FACTORY, useValue: imapFlowFactory },
  ],
})
export class BackgroundJobsModule {}
