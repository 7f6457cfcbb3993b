import { EventEntity } from './events/event.entity';
import { InvitationEntity } from './invitations/invitation.entity';
import { SeriesEntity } from './series/series.entity';

// The public surface of @app/events, by name (never `export *`): anything not listed here is internal.
export {
  type AnnouncedEvent,
  type AnnouncedEventLookup,
  AnnouncedEventsService,
  type AnnouncementViewer,
} from './announcements/announced-events.service';
export { type EventsErrorCode } from './events.errors';
export { EventsModule } from './events.module';
export {
  type EventContext,
  EventContextService,
  type LockedEvent,
  requireAccess,
  withView,
} from './events/event-context.service';
export {
  ACCESSIBILITY_FEATURES,
  type Accessibility,
  type AccessibilityFeature,
  type AccessibilityInput,
  type AccessibilityStatement,
  accessibilityStatement,
  statedAccessibility,
} from './events/accessibility';
export { EventHooks } from './events/event-hooks';
export {
  ATTENDEE_VISIBILITIES,
  type AttendeeVisibility,
  DEFAULT_EVENT_LANGUAGE,
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
export { type Feed, FeedsService } from './feeds/feeds.service';
export { type HomeEvent, MemberHomeService } from './home/member-home.service';
export { INVITATION_STATES, type InvitationState } from './invitations/invitation-management.repository';
export {
  type InvitationList,
  InvitationManagementService,
  type InvitationView,
} from './invitations/invitation-management.service';
export { type AddressList, type NamedAddress, parseAddressList } from './invitations/address-list';
export { AUDIENCE_ROLES, type Audience, isEmptyAudience } from './invitations/audience';
export { type AudienceRequest } from './invitations/audience-request';
export { type AudienceOutcome, AudienceService } from './invitations/audience.service';
export { type AudiencePreview, PreviewAudience } from './invitations/use-cases/preview-audience';
export {
  FANOUT_KINDS,
  FANOUT_STATUSES,
  type FanoutKind,
  type FanoutStatus,
} from './fanout/fanout.repository';
export { type FanoutProgress, FanoutService } from './fanout/fanout.service';
export { DeferredNoticesService } from './invitations/deferred-notices.service';
export {
  type FanoutJobRef,
  type InvitationMailKind,
  InvitationsService,
  noticeCtes,
  UNSUBSCRIBE_PURPOSE,
} from './invitations/invitations.service';
export {
  isRsvpLinkAnswer,
  type RsvpLinkAnswer,
  rsvpLinkUrl,
  signRsvpLink,
  verifyRsvpLink,
} from './invitations/rsvp-links';
export {
  type ListingQuery,
  type PublicEvent,
  type PublicEventFilter,
  PublicEventsService,
} from './public/public-events.service';
export { type ListingFeed, type ListingFeedMeta, ListingFeedsService } from './public/listing-feeds.service';
export {
  DAY,
  LISTING_KINDS,
  type ListingKind,
  RADIUS_KM,
  haversineKm,
  parseCoordinates,
} from './public/listing-filter';
export { ViewVersions, goingCounts } from './public/view-versions.service';
export { RemindersService } from './reminders/reminders.service';
export { SeriesService, type SeriesView } from './series/series.service';

export const EVENTS_ENTITIES = [EventEntity, SeriesEntity, InvitationEntity];
