import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

/** A missing field is an empty answer (refused by the length rule), never a crash. */
const text = ({ value }: { value: unknown }): string => (typeof value === 'string' ? value : '');
/** Something to say (not only spaces), and no NUL, which PostgreSQL text refuses. */
const SOMETHING = /\S/;
const NO_NUL = /^[^\0]*$/;

/** POST /topics/:id/posts: a reply, with the API's rules for a post's body. */
export class ReplyPageForm {
  @Transform(text)
  @IsString()
  @Length(1, 20_000)
  @Matches(SOMETHING)
  @Matches(NO_NUL)
  body!: string;
}

/** POST /topics/:id/posts/:postId/report: why, with the API's rules for a report's reason. */
export class ReportPageForm {
  @Transform(text)
  @IsString()
  @Length(1, 1000)
  @Matches(SOMETHING)
  @Matches(NO_NUL)
  reason!: string;
}

/** POST /groups/:slug/join: the code of conduct box (ticked is "yes"; anything else is not accepted). */
export class JoinPageForm {
  @Transform(({ value }: { value: unknown }) => (value === 'yes' ? true : undefined))
  @IsOptional()
  @IsBoolean()
  coc?: true;
}
