import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { RsvpModule } from '@app/rsvp';
import { DevReplyService } from './dev-reply/dev-reply.service';
import { InboundAdminService } from './inbound-admin.service';
import { InboundNotices } from './inbound-notices';
import { InboundRepository } from './inbound.repository';
import { InboundService } from './inbound.service';
import { RsvpLinkService } from './rsvp-link.service';

const providers = [InboundService, InboundAdminService, RsvpLinkService, DevReplyService];

/** Calendar replies and one-click links becoming RSVPs; the channels (SMTP, webhook, IMAP) live in the apps. */
@Module({
  imports: [IdentityModule, EventsModule, RsvpModule],
  // InboundRepository is exported for the worker's retention sweep.
  providers: [...providers, InboundNotices, InboundRepository],
  exports: [...providers, InboundRepository],
})
export class InboundModule {}
