import { RsvpEntity } from './rsvp.entity';

export * from './attendee-csv';
export * from './attendees.service';
export * from './rsvp-rules';
export * from './rsvp-test-hooks';
export * from './rsvp.entity';
export * from './rsvp.errors';
export * from './rsvp.module';
export * from './rsvp.service';
export * from './use-cases/organizer-actions';
export * from './waitlist.service';

export const RSVP_ENTITIES = [RsvpEntity];
