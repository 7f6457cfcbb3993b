import {
  ACCESSIBILITY_FLAGS,
  type Accessibility,
  type AccessibilityFlag,
  type AttendeeVisibility,
  type EventInput,
  type EventKind,
  type HearthEvent,
  type LocationVisibility,
} from '../../api';
import { offsetAt, wallTimeOf, zonedToIso, type ZonedResult } from '../../zoned-time';
import { MAX_EVENT_DURATION_MS } from './time-rules';

/** An event as the form holds it: wall-clock date and times in the form's zone, numbers as typed. */
export interface EventDraft {
  kind: EventKind;
  title: string;
  description: string;
  date: string;
  startTime: string;
  /** The end's own date: an event that ends after midnight says so, it is never guessed. */
  endDate: string;
  endTime: string;
  /** For a wall time the clocks pass twice: the offset the organizer picked ('' = not yet). */
  startOffset: string;
  endOffset: string;
  /** The organizer confirmed an event longer than 14 days. */
  confirmLong: boolean;
  /** The organizer confirmed moving an event people were invited to into the past. */
  confirmPast: boolean;
  venueName: string;
  venueAddress: string;
  /** The venue's city (public even when the address is not) and its optional coordinates, as typed. */
  city: string;
  latitude: string;
  longitude: string;
  /** The language the event is held in (ISO 639 code). */
  language: string;
  joinUrl: string;
  accessibility: Accessibility;
  locationVisibility: LocationVisibility;
  attendeeVisibility: AttendeeVisibility;
  capacity: string;
  onlineCapacity: string;
  waitlistEnabled: boolean;
  guestsAllowed: string;
  approvalRequired: boolean;
  cocRequired: boolean;
  tags: string;
}

export const hasVenue = (kind: EventKind): boolean => kind === 'in_person' || kind === 'hybrid';

/** Sign language and captions matter online too; the rest are about a place. */
const ONLINE_FLAGS: readonly AccessibilityFlag[] = ['signLanguageOnRequest', 'captionsOnRequest'];
export const accessibilityFlagsFor = (kind: EventKind): readonly AccessibilityFlag[] =>
  hasVenue(kind) ? ACCESSIBILITY_FLAGS : ONLINE_FLAGS;

/** Only the flags that apply to the kind (switching kinds drops venue details), and the notes. */
function accessibilityFor(kind: EventKind, a: Accessibility): Accessibility {
  const result: Accessibility = {};
  for (const flag of accessibilityFlagsFor(kind)) if (a[flag] !== undefined) result[flag] = a[flag];
  if (a.notes) result.notes = a.notes;
  return result;
}
export const isOnline = (kind: EventKind): boolean => kind !== 'in_person';

export function emptyDraft(
  kind: EventKind,
  title: string,
  date: string,
  start: string,
  end: string,
): EventDraft {
  return {
    kind,
    title,
    description: '',
    date,
    startTime: start,
    endDate: date,
    endTime: end,
    startOffset: '',
    endOffset: '',
    confirmLong: false,
    confirmPast: false,
    venueName: '',
    venueAddress: '',
    city: '',
    latitude: '',
    longitude: '',
    language: 'en',
    joinUrl: '',
    accessibility: {},
    locationVisibility: 'attendees',
    attendeeVisibility: 'organizers',
    capacity: '',
    onlineCapacity: '',
    waitlistEnabled: true,
    guestsAllowed: '0',
    approvalRequired: false,
    cocRequired: false,
    tags: '',
  };
}

export function draftFromEvent(e: HearthEvent): EventDraft {
  const start = wallTimeOf(e.startsAt, e.timezone);
  const end = wallTimeOf(e.endsAt, e.timezone);
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    date: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    startOffset: String(offsetAt(new Date(e.startsAt).getTime(), e.timezone)),
    endOffset: String(offsetAt(new Date(e.endsAt).getTime(), e.timezone)),
    // Already saved as it is: a long event was confirmed when it was made.
    confirmLong: new Date(e.endsAt).getTime() - new Date(e.startsAt).getTime() > MAX_EVENT_DURATION_MS,
    confirmPast: false,
    venueName: e.venueName ?? '',
    venueAddress: e.venueAddress ?? '',
    city: e.city ?? '',
    latitude: e.latitude === null ? '' : String(e.latitude),
    longitude: e.longitude === null ? '' : String(e.longitude),
    language: e.language,
    joinUrl: e.joinUrl ?? '',
    accessibility: e.accessibility,
    locationVisibility: e.locationVisibility ?? 'attendees',
    attendeeVisibility: e.attendeeVisibility ?? 'organizers',
    capacity: e.capacity === null ? '' : String(e.capacity),
    onlineCapacity: e.onlineCapacity === null ? '' : String(e.onlineCapacity),
    waitlistEnabled: e.waitlistEnabled,
    guestsAllowed: String(e.guestsAllowed),
    approvalRequired: e.approvalRequired,
    cocRequired: e.cocRequired,
    tags: e.tags.join(', '),
  };
}

export interface ResolvedTimes {
  start: ZonedResult | null;
  end: ZonedResult | null;
}

const offsetChoice = (text: string): number | undefined => (text === '' ? undefined : Number(text));

/**
 * The draft's start and end as instants in `zone`, each on its own date. (An end earlier than the
 * start used to be read as the next day, so a 19:00 end typed for a 20:00 start made a 23-hour event.)
 */
export function resolveTimes(draft: EventDraft, zone: string): ResolvedTimes {
  return {
    start: zonedToIso({ date: draft.date, time: draft.startTime }, zone, offsetChoice(draft.startOffset)),
    end: zonedToIso({ date: draft.endDate, time: draft.endTime }, zone, offsetChoice(draft.endOffset)),
  };
}

/** Whether a wall time is usable as it stands: not skipped by the clocks, and not twice without a choice. */
export const usable = (r: ZonedResult | null, choice: string): boolean =>
  r !== null &&
  r.note !== 'gap' &&
  (r.note !== 'ambiguous' || (r.offsets !== null && r.offsets.includes(Number(choice)) && choice !== ''));

/** For editing: the event as saved, and whether invitations to it went out (the server decides for sure). */
export interface EditContext {
  before: { startsAt: string; endsAt: string };
  invited: boolean;
}

/** Empty is "no limit"; the inputs are type=number with min 0, so anything else is a whole number. */
const numberOrNull = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : null;
};

/** A coordinate as typed: empty is none (the inputs are type=number, so anything else is a number). */
const coordinate = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

/**
 * The API body for a draft. Fields that do not apply to the kind are sent empty (a venue for an
 * online event, a join link for an in-person one), so switching kinds cannot leave stale data behind.
 */
export function draftToInput(draft: EventDraft, zone: string): EventInput | null {
  const { start, end } = resolveTimes(draft, zone);
  if (!start || !end || !usable(start, draft.startOffset) || !usable(end, draft.endOffset)) return null;
  const venue = hasVenue(draft.kind);
  const online = isOnline(draft.kind);
  const capacity = numberOrNull(draft.capacity);
  const onlineCapacity = draft.kind === 'hybrid' ? numberOrNull(draft.onlineCapacity) : null;
  const guests = numberOrNull(draft.guestsAllowed) ?? 0;
  return {
    kind: draft.kind,
    title: draft.title.trim(),
    description: draft.description,
    startsAt: start.iso,
    endsAt: end.iso,
    timezone: zone,
    venueName: venue && draft.venueName.trim() ? draft.venueName.trim() : null,
    venueAddress: venue && draft.venueAddress.trim() ? draft.venueAddress.trim() : null,
    city: venue && draft.city.trim() ? draft.city.trim() : null,
    latitude: venue ? coordinate(draft.latitude) : null,
    longitude: venue ? coordinate(draft.longitude) : null,
    language: draft.language,
    joinUrl: online && draft.joinUrl.trim() ? draft.joinUrl.trim() : null,
    accessibility: accessibilityFor(draft.kind, draft.accessibility),
    locationVisibility: draft.locationVisibility,
    attendeeVisibility: draft.attendeeVisibility,
    capacity,
    onlineCapacity,
    waitlistEnabled: draft.waitlistEnabled,
    guestsAllowed: guests,
    approvalRequired: draft.approvalRequired,
    cocRequired: draft.cocRequired,
    tags: draft.tags
      .split(/[\s,]+/)
      .map((t) => t.trim().replace(/^#/, ''))
      .filter(Boolean),
    ...(draft.confirmLong ? { confirmLongEvent: true } : {}),
    ...(draft.confirmPast ? { confirmPast: true } : {}),
  };
}
