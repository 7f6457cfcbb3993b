import { Controller, Get, Header, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DevMailboxService,
  DevMailboxSummary,
  OUTBOX_STATUSES,
  OutboxAdminService,
  OutboxStatus,
  OutboxSummary,
} from '@app/mail';
import { Principal } from '@app/identity';
import { CurrentUser, requireInstanceOwner } from '../http/auth.guard';

class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

class OutboxQuery extends ListQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @IsOptional() @IsIn(OUTBOX_STATUSES) status?: OutboxStatus;
}

class MailboxQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail() to?: string;
}

class OutboxSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'What the mail is: event_invitation, event_update, magic_link…' })
  purpose!: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: Date;
}

class DevMailboxMessageResponse {
  @ApiProperty() id!: string;
  @ApiProperty() messageId!: string;
  @ApiProperty({ description: 'The recipient' }) to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'What the mail is (event_invitation, event_update, event_cancellation, event_reminder, magic_link…)',
  })
  kind!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The event the mail is about' })
  eventId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

@ApiTags('mail')
@ApiErrorResponses(400, 401, 403)
@Controller('api/admin/outbox')
export class OutboxAdminController {
  constructor(@Inject(OutboxAdminService) private readonly outbox: OutboxAdminService) {}

  @Get()
  @ApiOkResponse({ type: [OutboxSummaryResponse] })
  list(@CurrentUser() principal: Principal, @Query() query: OutboxQuery): Promise<OutboxSummary[]> {
    requireInstanceOwner(principal);
    return this.outbox.list(query.limit ?? 100, query.status);
  }
}

/** Registered only when no SMTP_URL is configured (see AppModule). */
@ApiTags('mail')
@ApiErrorResponses(400, 401, 403, 404)
@Controller('api/dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(DevMailboxService) private readonly mailbox: DevMailboxService) {}

  @Get()
  @ApiOkResponse({ type: [DevMailboxMessageResponse] })
  list(@CurrentUser() principal: Principal, @Query() query: MailboxQuery): Promise<DevMailboxSummary[]> {
    requireInstanceOwner(principal);
    return this.mailbox.list(query.limit ?? 100, query.to);
  }

  @Get(':id/raw')
  @Header('Content-Type', 'message/rfc822')
  @Header('Content-Disposition', 'attachment; filename="message.eml"')
  @ApiProduces('message/rfc822')
  @ApiOkResponse({ description: 'The message as sent', schema: { type: 'string' } })
  raw(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    requireInstanceOwner(principal);
    return this.mailbox.raw(id);
  }
}
