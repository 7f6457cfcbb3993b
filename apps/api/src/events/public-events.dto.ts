import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { DAY, LISTING_KINDS, ListingKind, RADIUS_KM } from '@app/events';
import { IsIanaTimeZone } from '../http/validators';
import { toDate, toInt } from './events.dto';

const DAY_OR_INSTANT_DOC =
  'A day (YYYY-MM-DD, read in `tz`) or an instant (ISO-8601 with an offset); `from` counts from the start of its day, `to` up to the end of its day';
const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,4}(\.\d{1,3})?$/.test(value) ? Number(value) : value;
const toDayOrDate = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && DAY.test(value) ? value : toDate({ value });
/** A day (YYYY-MM-DD) or an instant already made a Date by toDate. */
const IsDayOrInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isDayOrInstant',
    validator: {
      validate: (value: unknown) => value instanceof Date || (typeof value === 'string' && DAY.test(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be a day (YYYY-MM-DD) or ISO-8601 with an offset`,
    },
  });

/**
 * The public listing's filters (`GET /api/public/events`, and the same words on `/events`,
 * `/networking` and their feeds). Shapes are refused here (400); a place Hearth cannot place or
 * dates the wrong way round by the service (422 LISTING_FILTER_INVALID).
 */
export class PublicEventsQuery {
  @ApiPropertyOptional({ type: String, description: DAY_OR_INSTANT_DOC })
  @IsOptional()
  @Transform(toDayOrDate)
  @IsDayOrInstant()
  from?: Date | string;
  @ApiPropertyOptional({ type: String, description: DAY_OR_INSTANT_DOC })
  @IsOptional()
  @Transform(toDayOrDate)
  @IsDayOrInstant()
  to?: Date | string;
  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: 'The zone days in from/to are read in (default UTC)',
  })
  @IsOptional()
  @IsIanaTimeZone()
  tz?: string;
  @ApiPropertyOptional({
    enum: LISTING_KINDS,
    description: 'An event kind, or `online` (online, networking and hybrid) or `networking`',
  })
  @IsOptional()
  @IsIn(LISTING_KINDS)
  kind?: ListingKind;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ pattern: '^[a-z0-9-]{1,64}$' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  group?: string;
  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) tag?: string;
  @ApiPropertyOptional({
    maxLength: 200,
    description: "Words in the title or description, or the group's name or city",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    maxLength: 120,
    description: "The venue's city (the group's for events without one); case and accents ignored",
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string;
  @ApiPropertyOptional({
    maxLength: 120,
    description:
      'A place: "lat,lng", or a city Hearth knows venues in (the average of their positions); no geocoding service is called',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  near?: string;
  @ApiPropertyOptional({
    minimum: RADIUS_KM.min,
    maximum: RADIUS_KM.max,
    default: RADIUS_KM.default,
    description: 'Distance from `near`, in km',
  })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(RADIUS_KM.min)
  @Max(RADIUS_KM.max)
  radiusKm?: number;
  @ApiPropertyOptional({ pattern: '^[a-z]{2,3}$', description: 'The language events are held in' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/i, { message: 'language must be a 2-3 letter ISO 639 code' })
  language?: string;
}
