import { Module } from '@nestjs/common';
import { CommunityModule } from '@app/community';
import { EventsModule } from '@app/events';
import { AnnouncementsDelivery } from './announcements/announcements-delivery';
import { AnnouncementsWorker } from './announcements/announcements.worker';
import { InboundModule } from '@app/inbound';
import { FanoutWorker } from './fanout.worker';
import { HousekeepingWorker } from './housekeeping.worker';
import { IMAP_CLIENT_FACTORY, imapFlowFactory, InboundImapWorker } from './inbound-imap.worker';
import { InboundRetentionWorker } from './inbound-retention.worker';
import { InboundSmtpListener } from './inbound-smtp.listener';
import { NoticesWorker } from './notices.worker';
import { OutboxWorker } from './outbox.worker';
import { RemindersWorker } from './reminders.worker';

/**
 * The background loops (outbox dispatch, fan-out jobs, deferred RSVP notices, reminders, group announcements, housekeeping, inbound SMTP/IMAP, inbound retention).
 * Composed by apps/worker, and by apps/api when HEARTH_ROLE is `all` (single-process mode) or `worker`.
 */
@Module({
  imports: [CommunityModule, EventsModule, InboundModule],
  providers: [
    AnnouncementsDelivery,
    AnnouncementsWorker,
    OutboxWorker,
    FanoutWorker,
    NoticesWorker,
    HousekeepingWorker,
    RemindersWorker,
    InboundSmtpListener,
    InboundImapWorker,
    InboundRetentionWorker,
    { provide: IMAP_CLIENT_FACTORY, useValue: imapFlowFactory },
  ],
})
export class BackgroundJobsModule {}
