import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

// Requests of the networking endpoints (issue 15). Every field validated; unknown fields refused.

export class NetworkingSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 20 }) @IsInt() @Min(1) @Max(20) rounds!: number;
  @ApiProperty({ minimum: 1, maximum: 120 }) @IsInt() @Min(1) @Max(120) roundMinutes!: number;
  @ApiProperty({ minimum: 0, maximum: 60 }) @IsInt() @Min(0) @Max(60) breakMinutes!: number;
  @ApiProperty({ minimum: 2, maximum: 4 }) @IsInt() @Min(2) @Max(4) groupSize!: number;
  @ApiProperty() @IsBoolean() useInterests!: boolean;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 30,
    description: 'Interests participants may choose from',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  interestTags?: string[];
}

export class ParticipationDto {
  @ApiProperty({ enum: ['display_name', 'pseudonym'] }) @IsIn(['display_name', 'pseudonym']) showAs!:
    'display_name' | 'pseudonym';
  @ApiPropertyOptional({ maxLength: 60 }) @IsOptional() @IsString() @MaxLength(60) pseudonym?: string;
  @ApiPropertyOptional({ maxLength: 140, nullable: true, description: 'One line about me' })
  @IsOptional()
  @IsString()
  @MaxLength(140)
  intro?: string | null;
  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  interests?: string[];
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
}

export class NetworkingReportDto extends PersonRefDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class StayInTouchDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'How the other person may reach me' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contact!: string;
  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string | null;
}

export class MoveDto extends PersonRefDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() roomId!: string;
}

export class NetworkingReportsQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] }) @IsOptional() @IsIn(['open', 'resolved']) status?:
    'open' | 'resolved';
}
