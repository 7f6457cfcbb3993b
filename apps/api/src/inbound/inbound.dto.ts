import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
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
