import { Language, toLanguage } from '@app/i18n';
import { CalendarAttendee, CalendarEventData, CalendarPerson } from './calendar-event';
import { EventLabels, eventLabels } from '../event-labels';
import { writeFeedVevent } from './feed-vevent';
import { escapeIcsText } from './ics-values';
import { CALENDAR_END, calendarChunks, calendarHead, IcsHeader } from './ics-writer';
import { VEventSpec } from './vevent';

/** One event in a feed. */
export interface FeedEntry {
  uid: string;
  sequence: number;
  /**
   * The event's last modification (RFC 5545 §3.8.7.2: DTSTAMP without METHOD). Taking it from the
   * data, not the clock, keeps an unchanged feed byte-identical, so its ETag holds.
   */
  dtstamp: Date;
  event: CalendarEventData;
}

/** An entry of a member's personal feed, carrying their own answer. */
export interface PersonalFeedEntry extends FeedEntry {
  /** RFC 5545 requires ORGANIZER once an event lists attendees. */
  organizer: CalendarPerson;
  /** The feed's owner and their PARTSTAT; nobody else is listed. */
  attendee: CalendarAttendee;
}

interface FeedBase {
  /** Calendar name shown by subscribing clients. */
  name: string;
  locale?: string | null;
  /** How often clients should re-fetch, as REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL (Outlook). */
  refreshMinutes?: number | null;
}

/**
 * A subscribable feed. `group` and `series` feeds are public listings; `personal` is one member's
 * feed (behind their token) with their PARTSTAT per event.
 */
export type FeedIcsInput =
  | (FeedBase & { kind: 'group' | 'series'; events: readonly FeedEntry[] })
  | (FeedBase & { kind: 'personal'; events: readonly PersonalFeedEntry[] });

/**
 * A feed as ICS text, without METHOD: RFC 5546 PUBLISH requires an ORGANIZER on every event and
 * forbids ATTENDEE, which would put reply addresses into public feeds and cannot carry a member's
 * own answer; subscribing clients (Google, Apple, Outlook, Thunderbird) read METHOD-less feeds.
 */
export function buildFeedIcs(input: FeedIcsInput): string {
  return buildFeedIcsChunks(input).join('');
}

/**
 * The same feed in pieces made in one pass (see calendarChunks), for a large feed sent or cached
 * as bytes. The VEVENTs are written directly (feed-vevent.ts), not through ical-generator.
 */
export function buildFeedIcsChunks(input: FeedIcsInput): string[] {
  const labels = eventLabels(toLanguage(input.locale));
  const tzids = new Set<string>();
  const vevents = feedEventSpecs(input).map((spec) => writeFeedVevent(spec, labels, tzids));
  return calendarChunks(feedHeader(input), tzids, vevents);
}

/** A VEVENT of a group or series feed, and the TZID it writes its times in (null: in UTC). */
export interface PublicFeedVevent {
  text: string;
  tzid: string | null;
}

/**
 * One VEVENT of a group or series feed in `locale` (none: the default), the text buildFeedIcsChunks
 * writes for this entry there. Public feeds have no per-reader fields, so a VEVENT depends on its
 * entry and the feed's language alone: a caller may keep it and assemble feeds from kept ones with
 * publicFeedFrame, byte-identical to buildFeedIcsChunks (feed-vevent.spec.ts).
 */
export function publicFeedVevent(entry: FeedEntry, locale?: string | null): PublicFeedVevent {
  const tzids = new Set<string>();
  const language = toLanguage(locale);
  const text = writeFeedVevent(publicSpec(entry, language), labelsOf(language), tzids);
  return { text, tzid: tzids.size > 0 ? [...tzids][0] : null };
}

// The labels of each language, made once (a handful of languages; they never change).
const labels = new Map<Language, EventLabels>();

function labelsOf(language: Language): EventLabels {
  let made = labels.get(language);
  if (!made) {
    made = eventLabels(language);
    labels.set(language, made);
  }
  return made;
}

/**
 * The text around a group or series feed's VEVENTs: `head` (the VCALENDAR header, one VTIMEZONE per
 * TZID in the order given: the order in which the VEVENTs first use them) and `tail`.
 */
export function publicFeedFrame(
  feed: Pick<FeedBase, 'name' | 'refreshMinutes'>,
  tzids: Iterable<string>,
): { head: string; tail: string } {
  const head = calendarHead(feedHeader({ ...feed, kind: 'group', events: [] }), tzids).join('');
  return { head, tail: CALENDAR_END };
}

/** The VCALENDAR header of a feed. */
export function feedHeader(input: FeedIcsInput): IcsHeader {
  const name = escapeIcsText(input.name.replace(/\s+/g, ' ').trim());
  return { method: null, name, refreshMinutes: input.refreshMinutes };
}

/** What each VEVENT of a feed says: the feed kind's rules applied to its entries. */
export function feedEventSpecs(input: FeedIcsInput): VEventSpec[] {
  const locale = toLanguage(input.locale);
  if (input.kind === 'personal') {
    return input.events.map((entry) => ({
      ...entry,
      status: entry.event.status,
      organizer: entry.organizer,
      attendee: { person: entry.attendee, rsvp: false },
      withPlace: true,
      private: true,
      // Only what the member said yes to blocks their time in free/busy.
      transparency: entry.attendee.partstat === 'ACCEPTED' ? 'OPAQUE' : 'TRANSPARENT',
      locale,
    }));
  }
  return input.events.map((entry) => publicSpec(entry, locale));
}

/** What a VEVENT of a group or series feed says. */
function publicSpec(entry: FeedEntry, locale: Language): VEventSpec {
  return {
    ...entry,
    status: entry.event.status,
    withPlace: true,
    private: false,
    // A listing of what a group offers is not a commitment of the subscriber's time.
    transparency: 'TRANSPARENT',
    locale,
  };
}
