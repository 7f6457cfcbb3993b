import { Expose, Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsString } from 'class-validator';

// @Expose: a field left out of the post still gets its default (the transform runs on undefined).
/** Text fields are trimmed and cut to their length, as the networking pages always did (never refused). */
const clipped =
  (max: number) =>
  ({ value }: { value: unknown }): string =>
    typeof value === 'string' ? value.trim().slice(0, max) : '';
/** A repeated field (checkboxes) as a list of its string values. */
const strings = ({ value }: { value: unknown }): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

/** POST /events/:id/networking/participation: how I appear in rooms. */
export class NetworkingOptInPageForm {
  @Expose()
  @Transform(({ value }) => (value === 'pseudonym' ? 'pseudonym' : 'display_name'))
  @IsIn(['pseudonym', 'display_name'])
  showAs!: 'pseudonym' | 'display_name';

  @Expose()
  @Transform(clipped(60))
  @IsString()
  pseudonym!: string;

  @Expose()
  @Transform(clipped(140))
  @IsString()
  intro!: string;

  @Expose()
  @Transform(({ value }) => strings({ value }).slice(0, 10))
  @IsArray()
  @IsString({ each: true })
  interests!: string[];
}

/** POST /events/:id/networking/presence: "I'm here" (yes) or "Leave my room" (anything else). */
export class NetworkingPresencePageForm {
  @Expose()
  @Transform(({ value }) => value === 'yes')
  @IsBoolean()
  here!: boolean;
}

/** POST /events/:id/networking/people/:userId/:action: stay in touch or report (block has no fields). */
export class NetworkingPersonPageForm {
  @Expose()
  @Transform(clipped(200))
  @IsString()
  contact!: string;

  @Expose()
  @Transform(clipped(500))
  @IsString()
  message!: string;

  @Expose()
  @Transform(clipped(2000))
  @IsString()
  reason!: string;
}
