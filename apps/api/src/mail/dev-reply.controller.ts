import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { IsIn } from 'class-validator';
import { Principal } from '@app/identity';
import { DEV_REPLY_PARTSTATS, DevReplyPartstat, DevReplyService, InboundResult } from '@app/inbound';
import { DevMailboxService } from '@app/mail';
import { CurrentUser, requireInstanceOwner } from '../http/auth.guard';
import { INBOUND_OUTCOMES } from '../inbound/inbound.mapper';

export class DevReplyDto {
  @ApiProperty({ enum: DEV_REPLY_PARTSTATS }) @IsIn(DEV_REPLY_PARTSTATS) partstat!: DevReplyPartstat;
}

class DevReplyResponse {
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty() duplicate!: boolean;
  @ApiProperty({ enum: INBOUND_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ required: false }) rsvpStatus?: string;
  @ApiProperty({ description: 'The attendee the reply was sent as' }) from!: string;
  @ApiProperty({ description: 'The invitation’s reply address' }) to!: string;
}

/**
 * Dev mailbox only (registered when no SMTP relay is set): answers an invitation in the mailbox the
 * way the attendee's calendar client would (DevReplyService composes the iMIP REPLY and hands it to
 * the inbound pipeline, which decides the RSVP like for any real reply).
 */
@ApiTags('mail')
@ApiErrorResponses(400, 401, 403, 404, 422)
@Controller('api/dev/mailbox')
export class DevReplyController {
  constructor(
    @Inject(DevMailboxService) private readonly mailbox: DevMailboxService,
    @Inject(DevReplyService) private readonly devReply: DevReplyService,
  ) {}

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOkResponse({ type: DevReplyResponse })
  async reply(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DevReplyDto,
  ): Promise<InboundResult & { from: string; to: string }> {
    requireInstanceOwner(principal);
    return this.devReply.answer(await this.mailbox.raw(id), dto.partstat);
  }
}
