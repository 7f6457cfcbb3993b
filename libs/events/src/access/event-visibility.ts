import { RsvpStatus } from '@app/core';
import { GroupAccess } from '@app/community';
import { AttendeeVisibility, EventStatus, LocationVisibility } from '../events/event.entity';

export type ViewerRsvpStatus = RsvpStatus | null;

export interface EventView {
  /** May see the event at all (drafts are for organizers). */
  canSee: boolean;
  /** May see the venue address and the join URL. */
  canSeeLocation: boolean;
  /** What the viewer may know about who attends. */
  attendees: 'all' | 'names' | 'count' | 'none';
  isOrganizer: boolean;
}

/**
 * The one place that decides what a viewer may see of an event (DESIGN §5). Address and join URL
 * follow the event's setting — public, group members, or confirmed (going) attendees — and
 * organizers always see them. Waitlisted and pending people are not confirmed. A person holding an
 * invitation (a guest named by address, say) may see that one event even in a private group they
 * are not a member of — never its venue beyond the rule above, nor anything else of the group —
 * unless the group banned them; such a guest learns at most how many attend, never who (the
 * names would tell them who belongs to a private group).
 */
export function decideEventView(
  event: {
    status: EventStatus;
    locationVisibility: LocationVisibility;
    attendeeVisibility: AttendeeVisibility;
  },
  group: GroupAccess,
  rsvpStatus: ViewerRsvpStatus,
  invited = false,
): EventView {
  const isOrganizer = group.canEdit;
  const asGuest = invited && group.status !== 'banned';
  const canSee = (group.canView || asGuest) && (event.status !== 'draft' || isOrganizer);
  if (!canSee) return { canSee: false, canSeeLocation: false, attendees: 'none', isOrganizer };
  const confirmed = rsvpStatus === 'going';
  const canSeeLocation =
    isOrganizer ||
    (event.status !== 'cancelled' &&
      (event.locationVisibility === 'public' ||
        (event.locationVisibility === 'members' && group.isMember) ||
        (event.locationVisibility === 'attendees' && confirmed)));
  // Seeing the event only through an invitation (not through the group): the count at most.
  const onlyAsGuest = !group.canView;
  const attendees = isOrganizer
    ? 'all'
    : event.attendeeVisibility === 'names' && !onlyAsGuest
      ? 'names'
      : event.attendeeVisibility === 'names' || event.attendeeVisibility === 'count'
        ? 'count'
        : 'none';
  return { canSee, canSeeLocation, attendees, isOrganizer };
}
