import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

const STATED = {
  type: Boolean,
  nullable: true,
  description: 'true: yes, false: no, null or left out: not stated (nothing is assumed)',
} as const;

/** Each feature as the organizer states it; a feature left out or null is "not stated". */
export class AccessibilityDto {
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() stepFreeAccess?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() accessibleToilet?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() allGenderToilet?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() quietRoom?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() seating?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() signLanguageOnRequest?: boolean | null;
  @ApiPropertyOptional(STATED) @IsOptional() @IsBoolean() captionsOnRequest?: boolean | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}
