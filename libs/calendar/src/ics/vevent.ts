import type { Language } from '@app/i18n';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalEvent,
  ICalEventClass,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { EventLabels, eventLabels } from '../event-labels';
import { CalendarAttendee, CalendarEventData, CalendarPerson } from './calendar-event';
import { assertEmail, assertUid, icsParamText, icsText, httpUrl } from './ics-values';
import { EventStatus } from './itip';
import { zonedTimes } from './time-zones';

/*
 * Recurring series: one VEVENT per occurrence, each with its own UID; no RRULE, EXDATE or
 * RECURRENCE-ID. Hearth stores every occurrence as its own event with its own RSVPs, capacity,
 * waitlist, SEQUENCE and address visibility, and a member may be invited to, waitlisted for or
 * removed from one occurrence and not the others. A recurrence set shares one UID and one ATTENDEE
 * line per person, so per-occurrence answers would need an override for every occurrence, every
 * REQUEST would have to carry the master and all overrides (RFC 5546 §2.1.5), and a REPLY could
 * answer the whole series at once, which the per-occurrence capacity rules cannot apply. Overrides
 * and series replies are also where clients disagree most. Standalone events are read the same way
 * by every client, and each occurrence's invitation and reply stand on their own.
 */

const STATUS: Record<EventStatus, ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const PARTSTAT: Record<CalendarAttendee['partstat'], ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
  DECLINED: ICalAttendeeStatus.DECLINED,
};

export interface VEventSpec {
  uid: string;
  sequence: number;
  /** Written in UTC. In an iTIP message: when it was created; in a feed: last modification. */
  dtstamp: Date;
  event: CalendarEventData;
  /** STATUS to write, or null for none (a CANCEL that removes one attendee, RFC 5546 §3.2.5). */
  status: EventStatus | null;
  organizer?: CalendarPerson | null;
  attendee?: { person: CalendarAttendee; rsvp: boolean } | null;
  /** Whether to write LOCATION and the join link at all (a CANCEL never does). */
  withPlace: boolean;
  /** CLASS:PRIVATE keeps titles of peer-support events off calendars shared with others. */
  private: boolean;
  transparency?: 'OPAQUE' | 'TRANSPARENT';
  locale: Language;
}

/**
 * The container ical-generator needs for its events. It has no zone of its own: ical-generator
 * would then write DTSTAMP in local time and add X-WR-TIMEZONE. The VCALENDAR text around the
 * events is written by `writeIcs`.
 */
export function createEventContainer(): ICalCalendar {
  return ical();
}

function description(
  spec: VEventSpec,
  labels: EventLabels,
  joinUrl: string | null,
  topicUrl: string | null,
): string {
  const { event } = spec;
  const lines = [`${labels.eventPage}: ${httpUrl(event.eventUrl, 'eventUrl')}`];
  if (topicUrl) lines.push(`${labels.discussion}: ${topicUrl}`);
  if (joinUrl) lines.push(`${labels.joinOnline}: ${joinUrl}`);
  if (event.series) lines.push(icsText(labels.series(event.series)));
  if (event.detailsWithheld) lines.push(labels.withheld);
  const text = icsText(event.description).trim();
  return text ? `${text}\n\n${lines.join('\n')}` : lines.join('\n');
}

/**
 * What a VEVENT says, checked and worded, before any writer formats it: TEXT values are unescaped
 * (each writer escapes them), URLs checked, addresses asserted. Shared by ical-generator's path
 * (`addEvent`, invitations) and the direct feed writer (`feed-vevent.ts`), so both say the same.
 */
export interface VEventValues {
  uid: string;
  summary: string;
  description: string;
  /** The venue, or the join link when there is no venue (clients show LOCATION prominently). */
  location: string | null;
  url: string;
  organizer: CalendarPerson | null;
  attendee: (CalendarAttendee & { rsvp: boolean }) | null;
}

/** The checked values of one VEVENT. `labels` may be given once for many events of one language. */
export function veventValues(spec: VEventSpec, labels: EventLabels = eventLabels(spec.locale)): VEventValues {
  const { event } = spec;
  if (!(event.endsAt.getTime() >= event.startsAt.getTime())) {
    throw new Error('event endsAt must not be before startsAt');
  }
  if (!Number.isInteger(spec.sequence) || spec.sequence < 0) {
    throw new Error('SEQUENCE must be a non-negative integer');
  }
  const joinUrl = spec.withPlace && event.joinUrl ? httpUrl(event.joinUrl, 'joinUrl') : null;
  const venue = spec.withPlace && event.location ? icsText(event.location).trim() : '';
  const topicUrl = event.topicUrl ? httpUrl(event.topicUrl, 'topicUrl') : null;
  const attendee = spec.attendee?.person;
  return {
    uid: assertUid(spec.uid),
    summary: icsText(event.title).replace(/\n+/g, ' ').trim(),
    description: description(spec, labels, joinUrl, topicUrl),
    location: venue || joinUrl || null,
    url: httpUrl(event.eventUrl, 'eventUrl'),
    organizer: spec.organizer
      ? {
          name: icsParamText(spec.organizer.name) || 'Hearth',
          email: assertEmail(spec.organizer.email, 'organizer email'),
        }
      : null,
    attendee: attendee
      ? {
          name: icsParamText(attendee.name),
          email: assertEmail(attendee.email, 'attendee email'),
          partstat: attendee.partstat,
          rsvp: spec.attendee?.rsvp === true,
        }
      : null,
  };
}

/** Creates one VEVENT for one recipient (or one feed entry) in the container. */
export function addEvent(calendar: ICalCalendar, spec: VEventSpec): ICalEvent {
  const { event } = spec;
  const values = veventValues(spec);

  // ical-generator formats a plain Date with a TZID in the *process* zone, so local times are
  // handed over as Luxon DateTimes, which it converts with setZone(TZID) (its documented path).
  const zoned = zonedTimes(event.timezone, [event.startsAt, event.endsAt]);

  const created = calendar.createEvent({
    id: values.uid,
    sequence: spec.sequence,
    stamp: spec.dtstamp,
    start: zoned ? zoned.times[0] : event.startsAt,
    end: zoned ? zoned.times[1] : event.endsAt,
    timezone: zoned ? zoned.tzid : null,
    summary: values.summary,
    description: values.description,
    location: values.location,
    url: values.url,
    status: spec.status ? STATUS[spec.status] : null,
    class: spec.private ? ICalEventClass.PRIVATE : null,
    transparency: spec.transparency ? ICalEventTransparency[spec.transparency] : null,
  });
  if (values.organizer) created.organizer(values.organizer);
  if (values.attendee) {
    const { name, email, partstat, rsvp } = values.attendee;
    created.createAttendee({
      name: name || null,
      email,
      role: ICalAttendeeRole.REQ,
      status: PARTSTAT[partstat],
      rsvp: rsvp ? true : null,
    });
  }
  return created;
}
