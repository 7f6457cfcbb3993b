import { EventStatus, Partstat } from './itip';

/** A person as a calendar address: a display name and an e-mail address (written as `mailto:`). */
export interface CalendarPerson {
  name: string;
  email: string;
}

/** The one recipient an invitation or personal feed entry is for, with their participation state. */
export interface CalendarAttendee extends CalendarPerson {
  partstat: Partstat;
}

/**
 * Where an occurrence sits in its series. Informational only: each occurrence is its own VEVENT with
 * its own UID (see `vevent.ts` for why Hearth does not send RRULEs).
 */
export interface SeriesInfo {
  title: string;
  url?: string | null;
  /** 1-based position of this occurrence in the series. */
  position: number;
  /** Number of occurrences, when the series has an end. */
  total?: number | null;
}

/**
 * One event as a recipient may see it. The caller applies the visibility rules (DESIGN §5) before
 * building: `location` and `joinUrl` are given only to people whose place is confirmed.
 */
export interface CalendarEventData {
  title: string;
  /** Plain text; links to the event page and topic are appended by the builders. */
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the event is planned in, e.g. `Europe/Berlin`; times are written in it when possible. */
  timezone: string;
  /** Venue name and address, only when this recipient may see it. */
  location?: string | null;
  /** Online join link (http/https), only when this recipient may see it. */
  joinUrl?: string | null;
  status: EventStatus;
  eventUrl: string;
  topicUrl?: string | null;
  series?: SeriesInfo | null;
  /**
   * True when the event has an address or join link that this recipient may not see yet (waitlisted,
   * pending approval); a sentence saying when they will get it is added instead.
   */
  detailsWithheld?: boolean;
}
