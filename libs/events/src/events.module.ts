import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommunityModule } from '@app/community';
import { IdentityModule } from '@app/identity';
import { AnnouncedEventsRepository } from './announcements/announced-events.repository';
import { AnnouncedEventsService } from './announcements/announced-events.service';
import { EventContextService } from './events/event-context.service';
import { EventHooks } from './events/event-hooks';
import { EventsService } from './events/events.service';
import { InvitationEntity } from './invitations/invitation.entity';
import { InvitationManagementRepository } from './invitations/invitation-management.repository';
import { InvitationManagementService } from './invitations/invitation-management.service';
import { AudienceRepository } from './invitations/audience.repository';
import { AudienceService } from './invitations/audience.service';
import { PreviewAudience } from './invitations/use-cases/preview-audience';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { EventEntity } from './events/event.entity';
import { SeriesEntity } from './series/series.entity';
import { FeedsRepository } from './feeds/feeds.repository';
import { FeedsService } from './feeds/feeds.service';
import { PublicFeedBuilds } from './feeds/public-feed-builds';
import { MemberHomeRepository } from './home/member-home.repository';
import { MemberHomeService } from './home/member-home.service';
import { PublicEventsRepository } from './public/public-events.repository';
import { ViewVersionsRepository } from './public/view-versions.repository';
import { ViewVersions } from './public/view-versions.service';
import { PublicEventsService } from './public/public-events.service';
import { ListingFeedsService } from './public/listing-feeds.service';
import { EventContextRepository } from './events/event-context.repository';
import { EventsRepository } from './events/events.repository';
import { FanoutRepository } from './fanout/fanout.repository';
import { FanoutService } from './fanout/fanout.service';
import { DeferredNoticesService } from './invitations/deferred-notices.service';
import { InvitationComposer } from './invitations/invitation-composer';
import { RemindersRepository } from './reminders/reminders.repository';
import { RemindersService } from './reminders/reminders.service';
import { SeriesRepository } from './series/series.repository';
import { SeriesService } from './series/series.service';

const providers = [
  AnnouncedEventsService,
  EventContextService,
  EventHooks,
  EventsService,
  InvitationsService,
  InvitationManagementService,
  AudienceService,
  PreviewAudience,
  PublicEventsService,
  ListingFeedsService,
  ViewVersions,
  SeriesService,
  RemindersService,
  FeedsService,
  PublicFeedBuilds,
  FanoutService,
  MemberHomeService,
  DeferredNoticesService,
];

@Module({
  imports: [
    CommunityModule,
    IdentityModule,
    TypeOrmModule.forFeature([EventEntity, SeriesEntity, InvitationEntity]),
  ],
  providers: [
    ...providers,
    AnnouncedEventsRepository,
    InvitationsRepository,
    InvitationComposer,
    FanoutRepository,
    InvitationManagementRepository,
    AudienceRepository,
    RemindersRepository,
    EventsRepository,
    SeriesRepository,
    PublicEventsRepository,
    ViewVersionsRepository,
    FeedsRepository,
    MemberHomeRepository,
    EventContextRepository,
  ],
  exports: providers,
})
export class EventsModule {}
