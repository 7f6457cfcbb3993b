import { CalendarEventData, EventStatus as IcsStatus } from '@app/calendar';
import { EventEntity } from '../events/event.entity';

const ICS_STATUS: Record<EventEntity['status'], IcsStatus> = {
  scheduled: 'CONFIRMED',
  cancelled: 'CANCELLED',
  draft: 'TENTATIVE',
};

/**
 * An event as one recipient may see it in a calendar: venue and join link only when `canSeeLocation`
 * (DESIGN §5 holds in ICS and feeds as everywhere else).
 */
export function calendarEventData(
  event: EventEntity,
  canSeeLocation: boolean,
  baseUrl: string,
): CalendarEventData {
  const hasPlace = Boolean(event.venueName || event.venueAddress || event.joinUrl);
  return {
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    location: canSeeLocation
      ? [event.venueName, event.venueAddress].filter(Boolean).join(', ') || null
      : null,
    joinUrl: canSeeLocation ? event.joinUrl : null,
    status: ICS_STATUS[event.status],
    eventUrl: `${baseUrl}/events/${event.id}`,
    topicUrl: event.topicId ? `${baseUrl}/topics/${event.topicId}` : null,
    detailsWithheld: !canSeeLocation && hasPlace && event.status !== 'cancelled',
  };
}
