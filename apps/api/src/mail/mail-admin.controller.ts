import { Controller, Get, Header, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(500) limit?: number;
}

class OutboxQuery extends ListQuery {
  @IsOptional() @IsIn(OUTBOX_STATUSES) status?: OutboxStatus;
}

class MailboxQuery extends ListQuery {
  @IsOptional() @IsEmail() to?: string;
}

@ApiTags('mail')
@Controller('api/admin/outbox')
export class OutboxAdminController {
  constructor(@Inject(OutboxAdminService) private readonly outbox: OutboxAdminService) {}

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: OutboxQuery): Promise<OutboxSummary[]> {
    requireInstanceOwner(principal);
    return this.outbox.list(query.limit ?? 100, query.status);
  }
}

/** Registered only when no SMTP_URL is configured (see AppModule). */
@ApiTags('mail')
@Controller('api/dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(DevMailboxService) private readonly mailbox: DevMailboxService) {}

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: MailboxQuery): Promise<DevMailboxSummary[]> {
    requireInstanceOwner(principal);
    return this.mailbox.list(query.limit ?? 100, query.to);
  }

  @Get(':id/raw')
  @Header('Content-Type', 'message/rfc822')
  @Header('Content-Disposition', 'attachment; filename="message.eml"')
  raw(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    requireInstanceOwner(principal);
    return this.mailbox.raw(id);
  }
}
