import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { RsvpModule } from '@app/rsvp';
import { DevReplyService } from './dev-reply/dev-reply.service';
import { InboundAdminService } from './inbound-admin.service';
import { InboundNotices } from './inbound-notices';
import { InboundService } from './inbound.service';
import { RsvpLinkService } from './rsvp-link.service';

const providers = [InboundService, InboundAdminService, RsvpLinkService, DevReplyService];

/** Calendar replies and one-click links becoming RSVPs; the channels (SMTP, webhook, IMAP) live in the apps. */
@Module({
  imports: [EventsModule, RsvpModule],
  providers: [...providers, InboundNotices],
  exports: providers,
})
export class InboundModule {}
