import fastJson from 'fast-json-stringify';
import { ATTENDEE_VISIBILITIES, EVENT_KINDS, EVENT_STATUSES, LOCATION_VISIBILITIES } from '@app/events';
import { RSVP_STATUSES } from '@app/rsvp';
import type { EventResponse, PublicEventPageResponse } from './event.response';

// Response schemas for Fastify on the hot reads (GET /api/public/events, GET /api/events/:id): with
// one, Fastify serialises the answer with a compiled serializer (fast-json-stringify) instead of
// JSON.stringify. Such a serializer writes only the properties the schema names, so each schema here
// must be exactly the response class the OpenAPI document shows (event.response.ts):
// event.response-schema.spec.ts compares them with the generated document. Fields stored as JSON
// whose keys the API passes through (accessibility, questions) are written as they are.

const string = { type: 'string' } as const;
const nullableString = { type: 'string', nullable: true } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true } as const;
const nullableNumber = { type: 'number', nullable: true } as const;
const strings = { type: 'array', items: string } as const;
const enumOf = (values: readonly string[], nullable = false) =>
  nullable ? { type: 'string', enum: [...values], nullable: true } : { type: 'string', enum: [...values] };
/** Stored JSON the API hands over unchanged: every key written as it is. */
export const PASS_THROUGH_OBJECT = { type: 'object', additionalProperties: true } as const;
const passThroughArray = { type: 'array', items: PASS_THROUGH_OBJECT } as const;

const object = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
});

export const PUBLIC_EVENT_SCHEMA = object({
  id: string,
  kind: enumOf(EVENT_KINDS),
  title: string,
  description: string,
  startsAt: dateTime,
  endsAt: dateTime,
  timezone: string,
  tags: strings,
  accessibility: PASS_THROUGH_OBJECT,
  group: object({ slug: string, name: string, city: nullableString }),
  venueName: nullableString,
  venueAddress: nullableString,
  joinUrl: nullableString,
  city: nullableString,
  latitude: nullableNumber,
  longitude: nullableNumber,
  language: string,
  goingCount: nullableNumber,
});

export const PUBLIC_EVENT_PAGE_SCHEMA = object({
  items: { type: 'array', items: PUBLIC_EVENT_SCHEMA },
  nextCursor: nullableString,
});

export const EVENT_SCHEMA = object(
  {
    id: string,
    group: object({ slug: string, name: string }),
    seriesId: nullableString,
    topicId: nullableString,
    kind: enumOf(EVENT_KINDS),
    title: string,
    description: string,
    startsAt: dateTime,
    endsAt: dateTime,
    timezone: string,
    status: enumOf(EVENT_STATUSES),
    venueName: nullableString,
    venueAddress: nullableString,
    joinUrl: nullableString,
    city: nullableString,
    latitude: nullableNumber,
    longitude: nullableNumber,
    language: string,
    locationHidden: { type: 'boolean' },
    accessibility: PASS_THROUGH_OBJECT,
    capacity: nullableNumber,
    onlineCapacity: nullableNumber,
    waitlistEnabled: { type: 'boolean' },
    guestsAllowed: { type: 'number' },
    approvalRequired: { type: 'boolean' },
    rsvpOpensAt: nullableDateTime,
    rsvpClosesAt: nullableDateTime,
    questions: passThroughArray,
    cocRequired: { type: 'boolean' },
    tags: strings,
    sequence: { type: 'number' },
    myRsvp: enumOf(RSVP_STATUSES, true),
    permissions: object({ edit: { type: 'boolean' }, seeAttendees: { type: 'boolean' } }),
    locationVisibility: enumOf(LOCATION_VISIBILITIES),
    attendeeVisibility: enumOf(ATTENDEE_VISIBILITIES),
    jobIds: strings,
  },
  ['locationVisibility', 'attendeeVisibility', 'jobIds'],
);

/**
 * The same compiled serializers for answers the response cache stores as text (a signed-out event,
 * a listing page), which Fastify's route serializer never sees.
 */
export const serializeEvent: (event: EventResponse) => string = fastJson(EVENT_SCHEMA as never);
export const serializePublicEventPage: (page: PublicEventPageResponse) => string = fastJson(
  PUBLIC_EVENT_PAGE_SCHEMA as never,
);
