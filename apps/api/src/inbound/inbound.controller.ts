import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Env, Page } from '@app/core';
import { Principal } from '@app/identity';
import {
  describeSize,
  InboundAdminService,
  InboundResult,
  InboundService,
  InboundViewer,
} from '@app/inbound';
import { CurrentUser, Public } from '../http/auth.guard';
import { InboundLogQueryDto, InboundNotesQueryDto, InboundPageQueryDto } from './inbound.dto';
import {
  InboundMessagePage,
  InboundMessageResponse,
  InboundNoteResponse,
  InboundResultResponse,
  toInboundMessage,
  toInboundNote,
} from './inbound.mapper';
import { ApplyPreviewResponse } from './inbound.mapper';
import { OversizedMail } from './raw-mail-body';
import { webhookSecretMatches } from './webhook-secret';

const uuid = new ParseUUIDPipe();
const viewerOf = (p: Principal): InboundViewer => ({
  userId: p.userId,
  isInstanceOwner: p.instanceRole === 'owner',
});

/** Addresses from an X-Envelope-* header: comma-separated, bounded. */
function addresses(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((a) => a.trim().replace(/^<|>$/g, ''))
    .filter((a) => a.length > 0 && a.length <= 320)
    .slice(0, 20);
}

@ApiTags('inbound')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/inbound')
export class InboundController {
  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(InboundService) private readonly inbound: InboundService,
    @Inject(InboundAdminService) private readonly admin: InboundAdminService,
  ) {}

  /**
   * A mail provider's inbound webhook: the raw RFC 822 message as the body (message/rfc822,
   * application/octet-stream or text/plain), the shared secret as `Authorization: Bearer <secret>`
   * or `X-Hearth-Inbound-Secret`, the envelope (when the provider gives it) as `X-Envelope-To` and
   * `X-Envelope-From`. Answers the pipeline's outcome; 404 while INBOUND_WEBHOOK_SECRET is unset.
   */
  @Public()
  @Post('mime')
  @HttpCode(200)
  @ApiConsumes('message/rfc822', 'application/octet-stream', 'text/plain')
  @ApiOkResponse({ type: InboundResultResponse })
  @ApiErrorResponses(413, 503)
  async mime(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-envelope-to') envelopeTo?: string,
    @Headers('x-envelope-from') envelopeFrom?: string,
  ): Promise<InboundResult> {
    const secret = this.env.INBOUND_WEBHOOK_SECRET;
    if (!secret) throw new DomainError('NOT_FOUND', 'Not found');
    if (!webhookSecretMatches(request.headers, secret))
      throw new DomainError('UNAUTHENTICATED', 'The inbound webhook secret is missing or wrong');
    const body: unknown = request.body;
    if (body instanceof OversizedMail) {
      // The rest of a body that was not read to its end must not be taken for the next request.
      if (!body.complete) void reply.header('connection', 'close');
      // Logged as too_large (without the message), then refused, like an oversized SMTP message.
      try {
        await this.inbound.receive(body.head, {
          channel: 'webhook',
          envelopeFrom: addresses(envelopeFrom)[0] ?? null,
          envelopeTo: addresses(envelopeTo),
          size: body.size,
          sizeBasis: body.basis,
        });
      } catch {
        throw new DomainError('UNAVAILABLE', 'The message could not be logged; try again later');
      }
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `The message is ${describeSize(body.size, body.basis)}; the limit is ${this.inbound.maxBytes}`,
      );
    }
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        'Send the raw message as the body, with Content-Type message/rfc822, application/octet-stream or text/plain',
      );
    try {
      return await this.inbound.receive(body, {
        channel: 'webhook',
        envelopeFrom: addresses(envelopeFrom)[0] ?? null,
        envelopeTo: addresses(envelopeTo),
      });
    } catch {
      throw new DomainError('UNAVAILABLE', 'The message could not be stored; try again later');
    }
  }

  /** The inbound log: the caller's groups' events (the instance owner: everything), newest first. */
  @Get('messages')
  @ApiOkResponse({ type: InboundMessagePage })
  async list(
    @CurrentUser() p: Principal,
    @Query() q: InboundLogQueryDto,
  ): Promise<Page<InboundMessageResponse>> {
    const page = await this.admin.list(viewerOf(p), q);
    return { items: page.items.map(toInboundMessage), nextCursor: page.nextCursor };
  }

  /** Quarantined replies not yet applied or dismissed. */
  @Get('quarantine')
  @ApiOkResponse({ type: InboundMessagePage })
  async quarantine(
    @CurrentUser() p: Principal,
    @Query() q: InboundPageQueryDto,
  ): Promise<Page<InboundMessageResponse>> {
    const page = await this.admin.quarantine(viewerOf(p), q);
    return { items: page.items.map(toInboundMessage), nextCursor: page.nextCursor };
  }

  /** Comments, delegations and proposed new times from verified calendar replies. */
  @Get('notes')
  @ApiOkResponse({ type: [InboundNoteResponse] })
  async notes(@CurrentUser() p: Principal, @Query() q: InboundNotesQueryDto): Promise<InboundNoteResponse[]> {
    return (await this.admin.notes(viewerOf(p), q.eventId, q.limit)).map(toInboundNote);
  }

  @Get('messages/:id')
  @ApiOkResponse({ type: InboundMessageResponse })
  async get(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<InboundMessageResponse> {
    return toInboundMessage(await this.admin.get(viewerOf(p), id));
  }

  /**
   * What applying this quarantined or ignored reply would change ({ from, to, person, event }),
   * worked out by the RSVP service and rolled back: the admin app shows it before applying.
   */
  @Get('messages/:id/apply-preview')
  @ApiOkResponse({ type: ApplyPreviewResponse })
  preview(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<ApplyPreviewResponse> {
    return this.admin.preview(viewerOf(p), id);
  }

  /** Applies a quarantined or ignored reply's answer to the invited person, recorded with who decided. */
  @Post('messages/:id/apply')
  @HttpCode(200)
  @ApiOkResponse({ type: InboundMessageResponse })
  async apply(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<InboundMessageResponse> {
    return toInboundMessage(await this.admin.apply(viewerOf(p), id));
  }

  @Post('messages/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: InboundMessageResponse })
  async dismiss(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<InboundMessageResponse> {
    return toInboundMessage(await this.admin.dismiss(viewerOf(p), id));
  }
}
