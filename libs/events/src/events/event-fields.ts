import { EventTimeInput } from './event-local-times';
import { AccessibilityInput, statedAccessibility } from './accessibility';
import {
  AttendeeVisibility,
  EventEntity,
  EventKind,
  EventQuestion,
  DEFAULT_EVENT_LANGUAGE,
  LocationVisibility,
} from './event.entity';

/** What an organizer sets on an event; the API validates shapes, this module the rules between fields. */
export interface EventFields {
  kind: EventKind;
  title: string;
  description?: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venueName?: string | null;
  venueAddress?: string | null;
  city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  language?: string;
  /** Features left out or null are "not stated"; nothing is assumed. */
  accessibility?: AccessibilityInput;
  joinUrl?: string | null;
  locationVisibility?: LocationVisibility;
  attendeeVisibility?: AttendeeVisibility;
  capacity?: number | null;
  onlineCapacity?: number | null;
  waitlistEnabled?: boolean;
  guestsAllowed?: number;
  approvalRequired?: boolean;
  rsvpOpensAt?: Date | null;
  rsvpClosesAt?: Date | null;
  questions?: EventQuestion[];
  cocRequired?: boolean;
  tags?: string[];
  status?: 'draft' | 'scheduled';
}

/** EventFields as the API takes them: start and end may be wall times in `timezone` (see event-local-times). */
export type EventFieldsInput = Omit<EventFields, 'startsAt' | 'endsAt'> & {
  startsAt: EventTimeInput;
  endsAt: EventTimeInput;
};

const ONLINE_KINDS: EventKind[] = ['online_discussion', 'virtual_networking', 'hybrid'];

/**
 * Problems with how fields combine (each names its field); empty when the event is coherent. When
 * an event may happen is judged by @app/scheduling, which needs "now" and what was sent.
 */
export function eventFieldProblems(e: EventFieldsResolved): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  if (e.joinUrl && !ONLINE_KINDS.includes(e.kind)) {
    problems.push({
      field: 'joinUrl',
      problem: 'only online, virtual networking and hybrid events have a join URL',
    });
  }
  if (e.kind !== 'hybrid' && e.onlineCapacity !== null) {
    problems.push({ field: 'onlineCapacity', problem: 'only hybrid events have a separate online capacity' });
  }
  if (e.rsvpOpensAt && e.rsvpClosesAt && e.rsvpClosesAt <= e.rsvpOpensAt) {
    problems.push({ field: 'rsvpClosesAt', problem: 'must be after rsvpOpensAt' });
  }
  if ((e.latitude === null) !== (e.longitude === null)) {
    problems.push({
      field: e.latitude === null ? 'latitude' : 'longitude',
      problem: 'give both coordinates or neither',
    });
  }
  const ids = e.questions.map((q) => q.id);
  if (new Set(ids).size !== ids.length)
    problems.push({ field: 'questions', problem: 'question ids must be unique' });
  return problems;
}

export type EventFieldsResolved = Pick<
  EventEntity,
  | 'kind'
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'venueName'
  | 'venueAddress'
  | 'city'
  | 'latitude'
  | 'longitude'
  | 'language'
  | 'accessibility'
  | 'joinUrl'
  | 'locationVisibility'
  | 'attendeeVisibility'
  | 'capacity'
  | 'onlineCapacity'
  | 'waitlistEnabled'
  | 'guestsAllowed'
  | 'approvalRequired'
  | 'rsvpOpensAt'
  | 'rsvpClosesAt'
  | 'questions'
  | 'cocRequired'
  | 'tags'
  | 'status'
>;

/** Fills defaults: hidden location, organizers-only attendee list, waitlist on. */
export function resolveEventFields(f: EventFields): EventFieldsResolved {
  return {
    kind: f.kind,
    title: f.title,
    description: f.description ?? '',
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    timezone: f.timezone,
    venueName: f.venueName ?? null,
    venueAddress: f.venueAddress ?? null,
    city: f.city?.trim() || null,
    latitude: f.latitude ?? null,
    longitude: f.longitude ?? null,
    language: (f.language ?? DEFAULT_EVENT_LANGUAGE).toLowerCase(),
    accessibility: statedAccessibility(f.accessibility),
    joinUrl: f.joinUrl ?? null,
    locationVisibility: f.locationVisibility ?? 'attendees',
    attendeeVisibility: f.attendeeVisibility ?? 'organizers',
    capacity: f.capacity ?? null,
    onlineCapacity: f.onlineCapacity ?? null,
    waitlistEnabled: f.waitlistEnabled ?? true,
    guestsAllowed: f.guestsAllowed ?? 0,
    approvalRequired: f.approvalRequired ?? false,
    rsvpOpensAt: f.rsvpOpensAt ?? null,
    rsvpClosesAt: f.rsvpClosesAt ?? null,
    questions: f.questions ?? [],
    cocRequired: f.cocRequired ?? false,
    tags: (f.tags ?? []).map((t) => t.toLowerCase()),
    status: f.status ?? 'scheduled',
  };
}

/** Changes attendees' calendars must hear about (RFC 5546: SEQUENCE increments on these). */
export const MATERIAL_FIELDS = [
  'title',
  'startsAt',
  'endsAt',
  'timezone',
  'venueName',
  'venueAddress',
  'joinUrl',
  'status',
] as const satisfies ReadonlyArray<keyof EventEntity>;

export function isMaterialChange(before: EventEntity, after: EventEntity): boolean {
  return MATERIAL_FIELDS.some((k) => {
    const a = before[k];
    const b = after[k];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}
