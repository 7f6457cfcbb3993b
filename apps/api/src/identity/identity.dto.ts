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
  @ApiPropertyOptional({ nullable: true })
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
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: ['owner', 'member'] }) instanceRole!: string;
}
