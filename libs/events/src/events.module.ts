import { Module } from '@nestjs/common';
import { CommunityModule } from '@app/community';
import { EventContextService } from './events/event-context.service';
import { EventHooks } from './events/event-hooks';
import { EventsService } from './events/events.service';
import { InvitationsService } from './invitations/invitations.service';
import { FeedsService } from './feeds/feeds.service';
import { PublicEventsService } from './public/public-events.service';
import { RemindersService } from './reminders/reminders.service';
import { SeriesService } from './series/series.service';

const providers = [
  EventContextService,
  EventHooks,
  EventsService,
  InvitationsService,
  PublicEventsService,
  SeriesService,
  RemindersService,
  FeedsService,
];

@Module({ imports: [CommunityModule], providers, exports: providers })
export class EventsModule {}
