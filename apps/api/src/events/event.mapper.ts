import { EventContext, SeriesView, accessibilityStatement } from '@app/events';
import { EventResponse, SeriesResponse } from './event.response';

export { EventResponse };

/** The one place event data leaves the API; privacy filtering happens here from the decided view. */
export function toEventResponse({
  event,
  group,
  view,
  myRsvp,
  jobIds,
}: EventContext & { jobIds?: string[] }): EventResponse {
  const show = view.canSeeLocation;
  const hasLocation = Boolean(
    event.venueName || event.venueAddress || event.joinUrl || event.latitude !== null,
  );
  return {
    id: event.id,
    group: { slug: group.group.slug, name: group.group.name },
    seriesId: event.seriesId,
    topicId: event.topicId,
    kind: event.kind,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timezone: event.timezone,
    status: event.status,
    venueName: show ? event.venueName : null,
    venueAddress: show ? event.venueAddress : null,
    joinUrl: show ? event.joinUrl : null,
    locationHidden: !show && hasLocation,
    city: event.city,
    latitude: show ? event.latitude : null,
    longitude: show ? event.longitude : null,
    language: event.language,
    accessibility: accessibilityStatement(event.accessibility),
    capacity: event.capacity,
    onlineCapacity: event.onlineCapacity,
    waitlistEnabled: event.waitlistEnabled,
    guestsAllowed: event.guestsAllowed,
    approvalRequired: event.approvalRequired,
    rsvpOpensAt: event.rsvpOpensAt?.toISOString() ?? null,
    rsvpClosesAt: event.rsvpClosesAt?.toISOString() ?? null,
    questions: event.questions,
    cocRequired: event.cocRequired,
    tags: event.tags,
    sequence: event.sequence,
    myRsvp,
    permissions: { edit: view.isOrganizer, seeAttendees: view.attendees !== 'none' },
    ...(view.isOrganizer
      ? { locationVisibility: event.locationVisibility, attendeeVisibility: event.attendeeVisibility }
      : {}),
    ...(jobIds && view.isOrganizer ? { jobIds } : {}),
  };
}

export const toSeriesResponse = ({ series, events, jobIds }: SeriesView): SeriesResponse => ({
  id: series.id,
  title: series.title,
  description: series.description,
  topicId: series.topicId,
  recurrenceRule: series.recurrenceRule,
  events: events.map(toEventResponse),
  ...(jobIds ? { jobIds } : {}),
});
