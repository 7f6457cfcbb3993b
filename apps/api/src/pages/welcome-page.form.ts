import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { isZoneName, modernTimeZone } from '@app/i18n';
import { IsIanaTimeZone } from '../http/validators';

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** An optional text field, trimmed; empty is "not given". */
const emptyAsUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;

/**
 * POST /welcome, the first sign-in step. The zone is stored by its modern name: an old alias
 * (Asia/Calcutta) is accepted and becomes Asia/Kolkata.
 */
export class WelcomePageForm {
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @IsIn(['en', 'ar'])
  language!: 'en' | 'ar';

  @Transform(({ value }: { value: unknown }): unknown =>
    typeof value === 'string' && isZoneName(value.trim()) ? modernTimeZone(value.trim()) : value,
  )
  @IsString()
  @IsIanaTimeZone()
  timezone!: string;

  @Transform(({ value }) => (typeof value === 'string' && value !== '' ? value : undefined))
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(40)
  pronouns?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}
