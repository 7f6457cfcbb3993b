import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { AttendeesService } from './attendees.service';
import { RsvpTestHooks } from './rsvp-test-hooks';
import { RsvpService } from './rsvp.service';
import { OrganizerActions } from './use-cases/organizer-actions';
import { WaitlistService } from './waitlist.service';

const providers = [RsvpService, WaitlistService, OrganizerActions, AttendeesService, RsvpTestHooks];

@Module({ imports: [EventsModule], providers, exports: providers })
export class RsvpModule {}
