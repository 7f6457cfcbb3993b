import { RsvpEntity } from './rsvp.entity';

// The public surface of @app/rsvp, by name (never `export *`): anything not listed here is internal.
export { AttendeesService, type MyRsvp } from './attendees.service';
export { RSVP_MODES, RSVP_SOURCES, RSVP_STATUSES, type RsvpMode, type RsvpStatus } from './rsvp.entity';
export { type RsvpErrorCode } from './rsvp.errors';
export { RsvpModule } from './rsvp.module';
export { type RsvpRequest, RsvpService } from './rsvp.service';
export { type OrganizerAction, OrganizerActions } from './use-cases/organizer-actions';
export { type RevokeOutcome, RevokeInvitation } from './use-cases/revoke-invitation';
export { WaitlistService } from './waitlist.service';
export { type PersonInLine } from './waitlist-outlook.repository';
export {
  type WaitlistOutlook,
  WaitlistOutlookService,
  type WaitlistWarning,
} from './waitlist-outlook.service';

export const RSVP_ENTITIES = [RsvpEntity];
