import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CalendarEventData } from '@app/calendar';
import { GroupRole, GroupVisibility, decideGroupAccess } from '@app/community';
import { Env, RsvpStatus } from '@app/core';
import type { RsvpLinks } from '@app/notifications';
import { decideEventView } from '../access/event-visibility';
import { calendarEventData } from '../feeds/calendar-data';
import { rsvpLinkUrl, signRsvpLink } from '../invitations/rsvp-links';
import { AnnouncedEventsRepository } from './announced-events.repository';

export interface AnnouncementViewer {
  userId: string;
  groupVisibility: GroupVisibility;
  role: GroupRole;
}

/** An event as one member may see it in an announcement: venue and join link only when allowed. */
export interface AnnouncedEvent {
  event: CalendarEventData;
  rsvpLinks: RsvpLinks;
}

export type AnnouncedEventLookup = (eventId: string, viewer: AnnouncementViewer) => AnnouncedEvent | null;

/**
 * Events for announcement mails, decided per recipient by decideEventView (DESIGN §5): only events
 * scheduled and not over; the venue and join link only for whom the event's setting allows (an
 * 'attendees' venue stays hidden from a member who is not going).
 */
@Injectable()
export class AnnouncedEventsService {
  constructor(
    @Inject(AnnouncedEventsRepository) private readonly repository: AnnouncedEventsRepository,
    @Inject(Env) private readonly env: Env,
  ) {}

  /** Loads the events and the viewers' RSVPs once; the lookup answers null for what they may not see. */
  async lookup(
    tx: EntityManager,
    eventIds: string[],
    userIds: string[],
    now: Date,
  ): Promise<AnnouncedEventLookup> {
    const events = new Map((await this.repository.events(tx, eventIds)).map((e) => [e.id, e]));
    const rsvps = new Map<string, RsvpStatus>();
    for (const r of await this.repository.rsvpStatuses(tx, [...events.keys()], userIds))
      rsvps.set(`${r.eventId}:${r.userId}`, r.status);
    const invited = new Set(
      (await this.repository.invited(tx, [...events.keys()], userIds)).map((i) => `${i.eventId}:${i.userId}`),
    );
    const base = this.env.publicBaseUrl;
    const secret = this.env.signingSecret;
    return (eventId, viewer) => {
      const event = events.get(eventId);
      if (!event || event.status !== 'scheduled' || event.endsAt.getTime() <= now.getTime()) return null;
      // Invited people who have not answered hear of it by their invitation: an announcement would say
      // it twice. Those who answered (and so hold an invitation too) still see it listed with their view.
      const key = `${eventId}:${viewer.userId}`;
      if (invited.has(key) && !rsvps.has(key)) return null;
      const access = decideGroupAccess(viewer.groupVisibility, { role: viewer.role, status: 'active' });
      const view = decideEventView(event, access, rsvps.get(key) ?? null);
      if (!view.canSee) return null;
      const token = signRsvpLink(viewer.userId, event.id, secret, now);
      return {
        event: calendarEventData(event, view.canSeeLocation, base),
        rsvpLinks: {
          going: rsvpLinkUrl(base, token, 'going'),
          maybe: rsvpLinkUrl(base, token, 'maybe'),
          cantGo: rsvpLinkUrl(base, token, 'declined'),
        },
      };
    };
  }
}
