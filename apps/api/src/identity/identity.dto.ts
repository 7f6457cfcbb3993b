import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsIanaTimeZone } from '../http/validators';

export class LoginDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty() @IsString() @Length(1, 256) password!: string;
}

export class MagicLinkRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;
  @ApiPropertyOptional({ enum: ['en', 'ar'] }) @IsOptional() @IsIn(['en', 'ar']) locale?: string;
}

export class MagicLinkConsumeDto {
  @ApiProperty() @IsString() @Length(16, 200) token!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(40)
  pronouns?: string | null;
  @ApiPropertyOptional({ enum: ['en', 'ar'] }) @IsOptional() @IsIn(['en', 'ar']) locale?: string;
  @ApiPropertyOptional() @IsOptional() @IsIanaTimeZone() timezone?: string;
}

export class SetPasswordDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) currentPassword?: string;
  @ApiProperty() @IsString() @MaxLength(256) newPassword!: string;
}

export class DeleteAccountDto {
  @ApiProperty({ description: "The account's email address, typed to confirm" })
  @IsString()
  @Length(1, 320)
  confirm!: string;
}

export class CreateApiTokenDto {
  @ApiProperty() @IsString() @Length(1, 80) name!: string;
}

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) pronouns!: string | null;
  @ApiProperty() locale!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null until the person chooses a zone' })
  timezone!: string | null;
  @ApiProperty({ enum: ['owner', 'member'] }) instanceRole!: string;
}

export class SignedInResponse {
  @ApiProperty({ type: () => UserResponse }) user!: UserResponse;
}

export class MessageResponse {
  @ApiProperty() message!: string;
}

export class ApiTokenResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The first characters of the token, to recognise it' }) prefix!: string;
  /** Dates in the service, ISO-8601 strings once serialized. */
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: Date | null;
}

export class CreatedApiTokenResponse extends ApiTokenResponse {
  @ApiProperty({ description: 'The token itself; shown in this response only' }) token!: string;
}

const EXPORT_SECTION = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** The account export (AccountExportService): the person's own rows, one array per kind. */
export class AccountExportResponse {
  @ApiProperty({ example: 'hearth-account-export/1' }) format!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) profile!: Record<string, unknown>;
  @ApiProperty(EXPORT_SECTION) memberships!: unknown[];
  @ApiProperty(EXPORT_SECTION) topics!: unknown[];
  @ApiProperty(EXPORT_SECTION) posts!: unknown[];
  @ApiProperty(EXPORT_SECTION) followedTopics!: unknown[];
  @ApiProperty(EXPORT_SECTION) reportsFiled!: unknown[];
  @ApiProperty(EXPORT_SECTION) rsvps!: unknown[];
  @ApiProperty(EXPORT_SECTION) invitations!: unknown[];
  @ApiProperty(EXPORT_SECTION) mailOptOuts!: unknown[];
  @ApiProperty(EXPORT_SECTION) sessions!: unknown[];
  @ApiProperty(EXPORT_SECTION) apiTokens!: unknown[];
  @ApiProperty(EXPORT_SECTION) mailSentToYou!: unknown[];
  @ApiProperty(EXPORT_SECTION) mailFromYou!: unknown[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Networking rounds: my participations, blocks, rooms, own stay-in-touch answers, reports filed',
  })
  networking!: Record<string, unknown>;
}
