import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ATTENDEE_VISIBILITIES,
  AttendeeVisibility,
  EVENT_KINDS,
  EVENT_STATUSES,
  EventKind,
  EventStatus,
  LOCATION_VISIBILITIES,
  LocationVisibility,
} from '@app/events';
import { LocalDateTime, RSVP_ANSWERS, RsvpAnswer } from '@app/core';
import { RSVP_MODES, RSVP_STATUSES, RsvpMode, RsvpStatus } from '@app/rsvp';
import { IsEventTime, IsIanaTimeZone } from '../http/validators';
import { AccessibilityDto } from './accessibility.dto';
import { AudienceDto } from './audience.dto';

// Times on the wire are ISO-8601 with an offset (or Z); a bare local time is ambiguous and refused.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const toDate = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value))
    ? new Date(value)
    : value;
/**
 * An event's start or end: an instant with an offset, or a wall time with none, which the service
 * reads in the event's time zone (and refuses when that zone skips it or has it twice).
 */
const toEventTime = ({ value }: { value: unknown }): unknown => {
  const instant = toDate({ value });
  if (instant instanceof Date || typeof value !== 'string') return instant;
  return LocalDateTime.parse(value) ?? value;
};
const nullable = (_: object, v: unknown) => v !== null;
// A city is trimmed; an empty one means "none".
const toCity = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;
export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
// Free-text answers keyed by question id; anything else becomes a value @IsObject refuses.
const toAnswers = ({ value }: { value: unknown }): unknown =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length <= 20 &&
  Object.values(value).every((v) => typeof v === 'string' && v.length <= 2000)
    ? value
    : 'invalid';

const EVENT_TIME_DOC =
  'ISO-8601 with an offset, or a local date-time without one (YYYY-MM-DDTHH:MM) read in the time zone of the event; a local time the zone skips or has twice (DST) is refused with a message naming the change';

export class QuestionDto {
  @ApiProperty()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'id must be 1-40 lowercase letters, digits, _ or -' })
  id!: string;
  @ApiProperty() @IsString() @Length(1, 300) label!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
}

/** Fields shared by create and update; on create, kind/title/startsAt/endsAt/timezone are required. */
export class EventFieldsDto {
  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(200)
  venueName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(500)
  venueAddress?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 120,
    description:
      "The venue's city; shown publicly even when the address is hidden (an empty string clears it)",
  })
  @IsOptional()
  @Transform(toCity)
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(120)
  city?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: -90,
    maximum: 90,
    description: 'Venue latitude (WGS 84); shown only to those who may see the address',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: -180,
    maximum: 180,
    description: 'Venue longitude (WGS 84); give both coordinates or neither',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;
  @ApiPropertyOptional({
    pattern: '^[a-z]{2,3}$',
    default: 'en',
    description: 'The language the event is held in (ISO 639 code)',
  })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be a 2-3 letter lowercase ISO 639 code' })
  language?: string;
  @ApiPropertyOptional({ type: AccessibilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessibilityDto)
  accessibility?: AccessibilityDto;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true },
    { message: 'joinUrl must be an http(s) URL' },
  )
  @MaxLength(2000)
  joinUrl?: string | null;
  @ApiPropertyOptional({ enum: LOCATION_VISIBILITIES, default: 'attendees' })
  @IsOptional()
  @IsIn(LOCATION_VISIBILITIES)
  locationVisibility?: LocationVisibility;
  @ApiPropertyOptional({ enum: ATTENDEE_VISIBILITIES, default: 'organizers' })
  @IsOptional()
  @IsIn(ATTENDEE_VISIBILITIES)
  attendeeVisibility?: AttendeeVisibility;
  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(0)
  @Max(100_000)
  onlineCapacity?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() waitlistEnabled?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  guestsAllowed?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() approvalRequired?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @ValidateIf(nullable)
  @Transform(toDate)
  @IsDate({ message: 'rsvpOpensAt must be ISO-8601 with an offset' })
  rsvpOpensAt?: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @ValidateIf(nullable)
  @Transform(toDate)
  @IsDate({ message: 'rsvpClosesAt must be ISO-8601 with an offset' })
  rsvpClosesAt?: Date | null;
  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() cocRequired?: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[\p{L}\p{N}-]{1,40}$/u, { each: true, message: 'tags are 1-40 letters, digits or hyphens' })
  tags?: string[];
}

/** One event of a series plan (the series' audience is the plan's). */
export class SeriesEventDto extends EventFieldsDto {
  @ApiProperty({ enum: EVENT_KINDS }) @IsIn(EVENT_KINDS) kind!: EventKind;
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ type: String, example: '2027-12-03T18:00:00+01:00', description: EVENT_TIME_DOC })
  @Transform(toEventTime)
  @IsEventTime()
  startsAt!: Date | LocalDateTime;
  @ApiProperty({ type: String, example: '2027-12-03T20:00', description: EVENT_TIME_DOC })
  @Transform(toEventTime)
  @IsEventTime()
  endsAt!: Date | LocalDateTime;
  @ApiProperty({ example: 'Europe/Berlin' }) @IsIanaTimeZone() timezone!: string;
  @ApiPropertyOptional({ enum: ['draft', 'scheduled'], default: 'scheduled' })
  @IsOptional()
  @IsIn(['draft', 'scheduled'])
  status?: 'draft' | 'scheduled';
  @ApiPropertyOptional({ description: 'Needed for an event longer than 14 days' })
  @IsOptional()
  @IsBoolean()
  confirmLongEvent?: boolean;
}

export class CreateEventDto extends SeriesEventDto {
  @ApiPropertyOptional({ type: AudienceDto, description: 'Who is invited; absent: nobody' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}

export class UpdateEventDto extends EventFieldsDto {
  @ApiPropertyOptional({ enum: EVENT_KINDS }) @IsOptional() @IsIn(EVENT_KINDS) kind?: EventKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: String, description: EVENT_TIME_DOC })
  @IsOptional()
  @Transform(toEventTime)
  @IsEventTime()
  startsAt?: Date | LocalDateTime;
  @ApiPropertyOptional({ type: String, description: EVENT_TIME_DOC })
  @IsOptional()
  @Transform(toEventTime)
  @IsEventTime()
  endsAt?: Date | LocalDateTime;
  @ApiPropertyOptional() @IsOptional() @IsIanaTimeZone() timezone?: string;
  @ApiPropertyOptional({ enum: ['scheduled'], description: 'Publish a draft' })
  @IsOptional()
  @IsIn(['scheduled'])
  status?: 'scheduled';
  @ApiPropertyOptional({
    enum: ['this', 'following'],
    default: 'this',
    description: 'For series occurrences: this one, or this and following',
  })
  @IsOptional()
  @IsIn(['this', 'following'])
  scope?: 'this' | 'following';
  @ApiPropertyOptional({ description: 'Needed for an event longer than 14 days' })
  @IsOptional()
  @IsBoolean()
  confirmLongEvent?: boolean;
  @ApiPropertyOptional({
    description: 'Needed to move the start into the past once invitations went out (every calendar is told)',
  })
  @IsOptional()
  @IsBoolean()
  confirmPast?: boolean;
  @ApiPropertyOptional({
    type: AudienceDto,
    description: 'People to invite as well (only those not invited yet), after the change',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}

export class RecurrenceDto {
  @ApiProperty({ example: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  rule!: string;
  @ApiProperty({ format: 'date-time', description: 'Occurrences are materialised up to here' })
  @Transform(toDate)
  @IsDate({ message: 'until must be ISO-8601 with an offset' })
  until!: Date;
}

export class CreateSeriesDto {
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;
  @ApiProperty({ type: [SeriesEventDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => SeriesEventDto)
  events!: SeriesEventDto[];
  @ApiPropertyOptional({ type: RecurrenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;
  @ApiPropertyOptional({
    type: AudienceDto,
    description: "Who is invited to every event; absent: the topic's participants",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}

export class UpdateSeriesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;
}

export class ListEventsQuery {
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'from must be ISO-8601 with an offset' })
  from?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'to must be ISO-8601 with an offset' })
  to?: Date;
  @ApiPropertyOptional({ enum: EVENT_KINDS }) @IsOptional() @IsIn(EVENT_KINDS) kind?: EventKind;
  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES) status?: EventStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class RsvpDto {
  @ApiProperty({ enum: RSVP_ANSWERS }) @IsIn(RSVP_ANSWERS) status!: RsvpAnswer;
  @ApiPropertyOptional({ minimum: 0, maximum: 20 }) @IsOptional() @IsInt() @Min(0) @Max(20) guests?: number;
  @ApiPropertyOptional({ enum: RSVP_MODES }) @IsOptional() @IsIn(RSVP_MODES) mode?: RsvpMode;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  @Transform(toAnswers)
  answers?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() cocAcknowledged?: boolean;
}

/** An organizer sets someone's answer on their behalf. */
export class OrganizerRsvpDto {
  @ApiProperty({ enum: RSVP_ANSWERS }) @IsIn(RSVP_ANSWERS) status!: RsvpAnswer;
  @ApiPropertyOptional({
    enum: RSVP_MODES,
    description: 'Hybrid events: defaults to the mode already chosen',
  })
  @IsOptional()
  @IsIn(RSVP_MODES)
  mode?: RsvpMode;
}

export class AttendeesQuery {
  @IsOptional() @IsIn(RSVP_STATUSES) status?: RsvpStatus;
}
