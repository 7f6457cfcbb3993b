import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommunityModule } from '@app/community';
import { IdentityModule } from '@app/identity';
import { EventContextService } from './events/event-context.service';
import { EventHooks } from './events/event-hooks';
import { EventsService } from './events/events.service';
import { InvitationEntity } from './invitations/invitation.entity';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { EventEntity } from './events/event.entity';
import { SeriesEntity } from './series/series.entity';
import { FeedsRepository } from './feeds/feeds.repository';
import { FeedsService } from './feeds/feeds.service';
import { PublicEventsRepository } from './public/public-events.repository';
import { PublicEventsService } from './public/public-events.service';
import { EventContextRepository } from './events/event-context.repository';
import { EventsRepository } from './events/events.repository';
import { FanoutRepository } from './fanout/fanout.repository';
import { FanoutService } from './fanout/fanout.service';
import { InvitationComposer } from './invitations/invitation-composer';
import { RemindersRepository } from './reminders/reminders.repository';
import { RemindersService } from './reminders/reminders.service';
import { SeriesRepository } from './series/series.repository';
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
  FanoutService,
];

@Module({
  imports: [
    CommunityModule,
    IdentityModule,
    TypeOrmModule.forFeature([EventEntity, SeriesEntity, InvitationEntity]),
  ],
  providers: [
    ...providers,
    InvitationsRepository,
    InvitationComposer,
    FanoutRepository,
    RemindersRepository,
    EventsRepository,
    SeriesRepository,
    PublicEventsRepository,
    FeedsRepository,
    EventContextRepository,
  ],
  exports: providers,
})
export class EventsModule {}
