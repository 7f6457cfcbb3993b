import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RSVP_MODES, RsvpMode } from '@app/rsvp';
import { RSVP_ANSWERS } from '@app/core';

const ANSWERS = RSVP_ANSWERS;
export type PageAnswer = (typeof ANSWERS)[number];

/** A form's yes box: checked is "yes", anything else not given. */
const yes = ({ value }: { value: unknown }): true | undefined => (value === 'yes' ? true : undefined);
/** A choice among known modes; anything else is treated as not chosen (the service asks again). */
const knownMode = ({ value }: { value: unknown }): RsvpMode | undefined =>
  RSVP_MODES.find((m) => m === value);
const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** POST /events/:id/rsvp, the event page's answer form. */
export class RsvpPageForm {
  @IsIn(ANSWERS, { message: 'Choose Going, Maybe or Can’t go' })
  status!: PageAnswer;

  /** The guests field; a value outside 0–20 or not a whole number is ignored, as the page always did. */
  @Transform(({ value }) => {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isInteger(n) && n >= 0 && n <= 20 ? n : undefined;
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  guests?: number;

  @Transform(knownMode)
  @IsOptional()
  @IsIn(RSVP_MODES)
  mode?: RsvpMode;

  @Transform(yes)
  @IsOptional()
  @IsBoolean()
  coc?: true;

  /** The event's questions, posted as fields named answer_<question id>. */
  @Expose()
  @Transform(({ obj }) => answersOf(obj))
  @IsOptional()
  @IsObject()
  answers?: Record<string, string>;
}

/** The answer_<question id> fields of an event page form, each cut to 2,000 characters. */
function answersOf(body: unknown): Record<string, string> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const m = /^answer_([a-z0-9_-]{1,40})$/.exec(key);
    if (m && typeof value === 'string') answers[m[1]] = value.slice(0, 2000);
  }
  return Object.keys(answers).length > 0 ? answers : undefined;
}

/** POST /sign-in. `next` and `lang` that are not usable are ignored (the page stays where it is). */
export class SignInPageForm {
  @Transform(trimmed)
  @IsString({ message: 'Email address' })
  @Matches(/^[^\s@]{1,64}@[^\s@]{1,255}$/, { message: 'Email address' })
  email!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value : undefined))
  @IsOptional()
  @IsString()
  next?: string;

  @Transform(({ value }: { value: unknown }) => (value === 'ar' || value === 'en' ? value : undefined))
  @IsOptional()
  @IsIn(['en', 'ar'])
  lang?: 'en' | 'ar';
}

/** POST /account/delete: the account's address typed again. */
export class AccountDeletePageForm {
  /** Missing is an empty answer, which the erasure service refuses as a mismatch. */
  @Expose()
  @Transform(({ value }) => (typeof value === 'string' ? value : ''))
  @IsString()
  @MaxLength(320)
  confirm!: string;
}

/** POST /auth/magic: the emailed sign-in token. */
export class MagicLinkPageForm {
  @IsString()
  @MaxLength(200)
  token!: string;
}

/** POST /rsvp/:token, the answer-link page's buttons. */
export class RsvpLinkPageForm {
  @IsIn(ANSWERS)
  answer!: PageAnswer;

  @Transform(knownMode)
  @IsOptional()
  @IsIn(RSVP_MODES)
  mode?: RsvpMode;

  @Transform(yes)
  @IsOptional()
  @IsBoolean()
  coc?: true;
}
