import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommunityModule } from '@app/community';
import { EventsModule } from '@app/events';
import { AttendeesRepository } from './attendees.repository';
import { AttendeesService } from './attendees.service';
import { GuardedWritesRepository } from './guarded-writes.repository';
import { RsvpTestHooks } from './rsvp-test-hooks';
import { RsvpEntity } from './rsvp.entity';
import { RsvpRepository } from './rsvp.repository';
import { RsvpService } from './rsvp.service';
import { OrganizerActions } from './use-cases/organizer-actions';
import { RevokeInvitation } from './use-cases/revoke-invitation';
import { WaitlistService } from './waitlist.service';
import { WaitlistOutlookRepository } from './waitlist-outlook.repository';
import { WaitlistOutlookService } from './waitlist-outlook.service';

const providers = [
  RsvpService,
  WaitlistService,
  OrganizerActions,
  RevokeInvitation,
  AttendeesService,
  WaitlistOutlookService,
  RsvpTestHooks,
];

@Module({
  imports: [CommunityModule, EventsModule, TypeOrmModule.forFeature([RsvpEntity])],
  providers: [
    ...providers,
    RsvpRepository,
    GuardedWritesRepository,
    AttendeesRepository,
    WaitlistOutlookRepository,
  ],
  exports: providers,
})
export class RsvpModule {}
