import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { RsvpModule } from '@app/rsvp';
import { InboundAdminService } from './inbound-admin.service';
import { InboundRepository } from './inbound.repository';
import { InboundService } from './inbound.service';
import { RsvpLinkService } from './rsvp-link.service';

const providers = [InboundService, InboundAdminService, RsvpLinkService];

/** Calendar replies and one-click links becoming RSVPs; the channels (SMTP, webhook, IMAP) live in the apps. */
@Module({
  imports: [IdentityModule, EventsModule, RsvpModule],
  // InboundRepository is exported for the worker's retention sweep.
  providers: [...providers, InboundRepository],
  exports: [...providers, InboundRepository],
})
export class InboundModule {}
