import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@app/core';
import { INBOUND_OUTCOMES, INBOUND_REASONS, InboundOutcome, InboundReason } from '@app/inbound';

export class InboundPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only messages about this event' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

export class InboundLogQueryDto extends InboundPageQueryDto {
  @ApiPropertyOptional({
    description: 'Only the message with this Message-ID, with or without its angle brackets',
    example: '<CAF=abc@mail.example.org>',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/^\s*<?[^\s<>]+>?\s*$/, { message: 'messageId must be one Message-ID, like <id@host>' })
  messageId?: string;

  @ApiPropertyOptional({ enum: INBOUND_OUTCOMES })
  @IsOptional()
  @IsIn(INBOUND_OUTCOMES)
  outcome?: InboundOutcome;

  @ApiPropertyOptional({ enum: INBOUND_REASONS })
  @IsOptional()
  @IsIn(INBOUND_REASONS)
  reason?: InboundReason;
}

export class InboundNotesQueryDto {
  @ApiPropertyOptional({ description: 'Only notes about this event' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
