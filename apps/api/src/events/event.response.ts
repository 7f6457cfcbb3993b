import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ATTENDEE_VISIBILITIES, EVENT_KINDS, EVENT_STATUSES, LOCATION_VISIBILITIES } from '@app/events';
import { RSVP_MODES, RSVP_SOURCES, RSVP_STATUSES } from '@app/rsvp';
import { QuestionDto } from './events.dto';

// What the events and RSVP endpoints answer, as the OpenAPI document shows it. Times that the
// services hand over as Date are typed Date here and documented as the ISO-8601 strings they become.

export class EventGroupResponse {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class EventPermissionsResponse {
  @ApiProperty() edit!: boolean;
  @ApiProperty() seeAttendees!: boolean;
}

const nullableString = { type: String, nullable: true } as const;
const nullableNumber = { type: Number, nullable: true } as const;
const nullableTime = { type: String, format: 'date-time', nullable: true } as const;
const stated = {
  type: Boolean,
  nullable: true,
  description: 'true: yes, false: no, null: not stated',
} as const;

/** Every feature answered as the organizer stated it; null where nothing was said (never a default). */
export class AccessibilityStatementResponse {
  @ApiProperty(stated) stepFreeAccess!: boolean | null;
  @ApiProperty(stated) accessibleToilet!: boolean | null;
  @ApiProperty(stated) allGenderToilet!: boolean | null;
  @ApiProperty(stated) quietRoom!: boolean | null;
  @ApiProperty(stated) seating!: boolean | null;
  @ApiProperty(stated) signLanguageOnRequest!: boolean | null;
  @ApiProperty(stated) captionsOnRequest!: boolean | null;
  @ApiProperty(nullableString) notes!: string | null;
}

export class EventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: () => EventGroupResponse }) group!: EventGroupResponse;
  @ApiProperty(nullableString) seriesId!: string | null;
  @ApiProperty(nullableString) topicId!: string | null;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'IANA time zone' }) timezone!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: string;
  /** Venue and join link are null unless this caller may see them (see locationHidden). */
  @ApiProperty(nullableString) venueName!: string | null;
  @ApiProperty(nullableString) venueAddress!: string | null;
  @ApiProperty(nullableString) joinUrl!: string | null;
  @ApiProperty({ description: 'The event has a location this caller may not see' }) locationHidden!: boolean;
  @ApiProperty({ ...nullableString, description: "The venue's city (public)" }) city!: string | null;
  @ApiProperty({ ...nullableNumber, description: 'Only with the address' }) latitude!: number | null;
  @ApiProperty({ ...nullableNumber, description: 'Only with the address' }) longitude!: number | null;
  @ApiProperty({ description: 'ISO 639 code of the language the event is held in' }) language!: string;
  @ApiProperty({ type: () => AccessibilityStatementResponse }) accessibility!: AccessibilityStatementResponse;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ type: Number, nullable: true }) onlineCapacity!: number | null;
  @ApiProperty() waitlistEnabled!: boolean;
  @ApiProperty() guestsAllowed!: number;
  @ApiProperty() approvalRequired!: boolean;
  @ApiProperty(nullableTime) rsvpOpensAt!: string | null;
  @ApiProperty(nullableTime) rsvpClosesAt!: string | null;
  @ApiProperty({ type: () => [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty() cocRequired!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ description: 'iCalendar SEQUENCE' }) sequence!: number;
  @ApiProperty({ enum: RSVP_STATUSES, nullable: true, description: "The caller's RSVP status" })
  myRsvp!: string | null;
  @ApiProperty({ type: () => EventPermissionsResponse }) permissions!: EventPermissionsResponse;
  @ApiProperty({ enum: LOCATION_VISIBILITIES, required: false, description: 'Organizers only' })
  locationVisibility?: string;
  @ApiProperty({ enum: ATTENDEE_VISIBILITIES, required: false, description: 'Organizers only' })
  attendeeVisibility?: string;
  @ApiProperty({
    type: [String],
    required: false,
    description: 'Fan-out jobs this request recorded (mail to invitees); progress at GET /api/jobs/{id}',
  })
  jobIds?: string[];
}

export class EventPageResponse {
  @ApiProperty({ type: () => [EventResponse] }) items!: EventResponse[];
  @ApiProperty(nullableString) nextCursor!: string | null;
}

/** The events an update with scope `following` changed, in order. */
export class EventListResponse {
  @ApiProperty({ type: () => [EventResponse] }) items!: EventResponse[];
}

export class SeriesResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty(nullableString) topicId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'RFC 5545 RRULE' }) recurrenceRule!:
    string | null;
  @ApiProperty({ type: () => [EventResponse] }) events!: EventResponse[];
  @ApiProperty({
    type: [String],
    required: false,
    description: 'Fan-out jobs this request recorded (one per event invited); progress at GET /api/jobs/{id}',
  })
  jobIds?: string[];
}

export class PublicEventGroupResponse {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty(nullableString) city!: string | null;
}

export class PublicEventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: () => AccessibilityStatementResponse }) accessibility!: AccessibilityStatementResponse;
  @ApiProperty({ type: () => PublicEventGroupResponse }) group!: PublicEventGroupResponse;
  /** Only when the event shows its location publicly. */
  @ApiProperty(nullableString) venueName!: string | null;
  @ApiProperty(nullableString) venueAddress!: string | null;
  @ApiProperty(nullableString) joinUrl!: string | null;
  @ApiProperty({ ...nullableString, description: "The venue's city (public even when the address is not)" })
  city!: string | null;
  @ApiProperty({ ...nullableNumber, description: 'Only when the event shows its location publicly' })
  latitude!: number | null;
  @ApiProperty({ ...nullableNumber, description: 'Only when the event shows its location publicly' })
  longitude!: number | null;
  @ApiProperty({ description: 'ISO 639 code of the language the event is held in' }) language!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Only when the event shows a count' })
  goingCount!: number | null;
}

export class PublicEventPageResponse {
  @ApiProperty({ type: () => [PublicEventResponse] }) items!: PublicEventResponse[];
  @ApiProperty(nullableString) nextCursor!: string | null;
}

export class PublicGroupResponse {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty(nullableString) city!: string | null;
  @ApiProperty() timezone!: string;
  @ApiProperty() codeOfConduct!: string;
  @ApiProperty({ type: () => PublicEventPageResponse, description: 'Upcoming public events' })
  events!: PublicEventPageResponse;
}

export class MyRsvpResponse {
  @ApiProperty({ enum: RSVP_STATUSES }) status!: string;
  @ApiProperty() guests!: number;
  @ApiProperty({ enum: RSVP_MODES, nullable: true }) mode!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) answers!: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
  @ApiProperty(nullableTime) checkedInAt!: Date | null;
  @ApiProperty() cocAcknowledged!: boolean;
}

/** What people who are not organizers see of an attendee, when the event shows names. */
export class AttendeeNameResponse {
  @ApiProperty() displayName!: string;
}

/** An organizer's view of one RSVP. */
export class AttendeeResponse extends AttendeeNameResponse {
  @ApiProperty() userId!: string;
  @ApiProperty(nullableString) pronouns!: string | null;
  @ApiProperty({ enum: RSVP_STATUSES }) status!: string;
  @ApiProperty({ enum: RSVP_MODES, nullable: true }) mode!: string | null;
  @ApiProperty() guests!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) answers!: Record<string, string>;
  @ApiProperty(nullableTime) checkedInAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
  @ApiProperty({ enum: RSVP_SOURCES }) source!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

@ApiExtraModels(AttendeeResponse, AttendeeNameResponse)
export class AttendeeListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(AttendeeResponse) }, { $ref: getSchemaPath(AttendeeNameResponse) }],
    },
    description: 'Full rows for organizers; names of people going when the event opts in; otherwise empty',
  })
  items!: Array<AttendeeResponse | AttendeeNameResponse>;
  @ApiProperty({ type: Number, nullable: true, description: 'Seats taken, when the caller may know it' })
  goingCount!: number | null;
}

export class RsvpHistoryEntryResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'RSVP status before' }) from!: string | null;
  @ApiProperty({ description: 'RSVP status after' }) to!: string;
  @ApiProperty() guests!: number;
  @ApiProperty({ enum: RSVP_SOURCES }) source!: string;
  @ApiProperty(nullableString) actorId!: string | null;
  @ApiProperty(nullableString) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

export class OrganizerAnswerResponse {
  @ApiProperty({ enum: RSVP_STATUSES }) status!: string;
  @ApiProperty({ enum: RSVP_STATUSES, nullable: true }) previous!: string | null;
  @ApiProperty() changed!: boolean;
  @ApiProperty({ enum: RSVP_SOURCES }) source!: string;
}

export class OrganizerActionResponse {
  @ApiProperty({ enum: RSVP_STATUSES }) status!: string;
  @ApiProperty() changed!: boolean;
  @ApiProperty(nullableTime) checkedInAt!: Date | null;
}
