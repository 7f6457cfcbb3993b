import { EventEntity } from './events/event.entity';
import { InvitationEntity } from './invitations/invitation.entity';
import { SeriesEntity } from './series/series.entity';

// The public surface of @app/events, by name (never `export *`): anything not listed here is internal.
export { type EventsErrorCode } from './events.errors';
export { EventsModule } from './events.module';
export {
  type EventContext,
  EventContextService,
  type LockedEvent,
  requireAccess,
  withView,
} from './events/event-context.service';
export { EventHooks } from './events/event-hooks';
export {
  ATTENDEE_VISIBILITIES,
  type AttendeeVisibility,
  EVENT_KINDS,
  EVENT_STATUSES,
  EventEntity,
  type EventKind,
  type EventQuestion,
  type EventStatus,
  LOCATION_VISIBILITIES,
  type LocationVisibility,
} from './events/event.entity';
export { EventsService } from './events/events.service';
export {
  FANOUT_KINDS,
  FANOUT_STATUSES,
  type FanoutKind,
  type FanoutStatus,
} from './fanout/fanout.repository';
export { type FanoutProgress, FanoutService } from './fanout/fanout.service';
export { type Feed, FeedsService } from './feeds/feeds.service';
export { type Audience, isEmptyAudience } from './invitations/audience';
export {
  type FanoutJobRef,
  type InvitationMailKind,
  InvitationsService,
  UNSUBSCRIBE_PURPOSE,
} from './invitations/invitations.service';
export {
  isRsvpLinkAnswer,
  type RsvpLinkAnswer,
  rsvpLinkUrl,
  signRsvpLink,
  verifyRsvpLink,
} from './invitations/rsvp-links';
export { type PublicEvent, PublicEventsService } from './public/public-events.service';
export { RemindersService } from './reminders/reminders.service';
export { SeriesService, type SeriesView } from './series/series.service';

export const EVENTS_ENTITIES = [EventEntity, SeriesEntity, InvitationEntity];
