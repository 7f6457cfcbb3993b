import { EventEntity } from './events/event.entity';
import { InvitationEntity } from './invitations/invitation.entity';
import { SeriesEntity } from './series/series.entity';

export * from './access/event-visibility';
export * from './events.errors';
export * from './events.module';
export * from './events/event-context.service';
export * from './events/event-fields';
export * from './events/event-hooks';
export * from './events/event.entity';
export * from './events/events.service';
export * from './feeds/calendar-data';
export * from './feeds/feed-token';
export * from './feeds/feeds.service';
export * from './invitations/invitation.entity';
export * from './invitations/invitations.service';
export * from './invitations/rsvp-links';
export * from './public/public-events.service';
export * from './reminders/reminders.service';
export * from './series/recurrence';
export * from './series/series.entity';
export * from './series/series.service';

export const EVENTS_ENTITIES = [EventEntity, SeriesEntity, InvitationEntity];
