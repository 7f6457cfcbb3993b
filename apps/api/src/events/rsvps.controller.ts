import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiTextResponse } from '../http/api-responses';
import type { FastifyReply } from 'fastify';
import { Principal } from '@app/identity';
import { AttendeesService, OrganizerAction, OrganizerActions, RsvpService } from '@app/rsvp';
import { DomainError } from '@app/core';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';
import { AttendeesQuery, OrganizerRsvpDto, RsvpDto } from './events.dto';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import {
  AttendeeListResponse,
  MyRsvpResponse,
  OrganizerActionResponse,
  OrganizerAnswerResponse,
  RsvpHistoryEntryResponse,
} from './event.response';

const uuid = new ParseUUIDPipe();
const ACTIONS: OrganizerAction[] = ['approve', 'reject', 'promote', 'remove', 'check-in'];

@ApiTags('rsvps')
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('api/events/:id')
export class RsvpsController {
  constructor(
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(AttendeesService) private readonly attendees: AttendeesService,
    @Inject(OrganizerActions) private readonly actions: OrganizerActions,
  ) {}

  /** My RSVP; the resulting status may be waitlisted or pending_approval. */
  @Post('rsvps')
  @HttpCode(200)
  @ApiOkResponse({ type: MyRsvpResponse })
  async respond(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RsvpDto,
  ): Promise<MyRsvpResponse> {
    const { rsvp } = await this.rsvps.respond({
      eventId: id,
      userId: p.userId,
      answer: dto.status,
      guests: dto.guests,
      mode: dto.mode,
      answers: dto.answers,
      cocAcknowledged: dto.cocAcknowledged,
      source: 'web',
    });
    return this.attendees.view(rsvp);
  }

  @Get('rsvps/me')
  @ApiExtraModels(MyRsvpResponse)
  @ApiOkResponse({
    description: 'My RSVP, or null when I have not answered',
    schema: { nullable: true, allOf: [{ $ref: getSchemaPath(MyRsvpResponse) }] },
  })
  mine(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<MyRsvpResponse | null> {
    return this.attendees.mine(id, p.userId);
  }

  @Delete('rsvps/me')
  @HttpCode(200)
  @ApiOkResponse({ type: MyRsvpResponse })
  async cancel(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<MyRsvpResponse> {
    const { rsvp } = await this.rsvps.respond({
      eventId: id,
      userId: p.userId,
      answer: 'declined',
      source: 'web',
    });
    return this.attendees.view(rsvp);
  }

  /** Organizers see everyone; others see what the event opts into, else an empty list. */
  @Public()
  @Get('rsvps')
  @ApiOkResponse({ type: AttendeeListResponse })
  list(
    @OptionalUser() p: Principal | null,
    @Param('id', uuid) id: string,
    @Query() q: AttendeesQuery,
  ): Promise<AttendeeListResponse> {
    return this.attendees.list(id, p?.userId ?? null, q.status);
  }

  @Get('rsvps.csv')
  @ApiTextResponse('text/csv', 'The RSVPs as CSV')
  async csv(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.attendees.csv(id, p.userId);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @Get('rsvp-history')
  @ApiOkResponse({ type: [RsvpHistoryEntryResponse] })
  history(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<Array<Record<string, unknown>>> {
    return this.attendees.history(id, p.userId);
  }

  /**
   * An organizer sets an invited person's answer on their behalf (source `organizer`, in the RSVP
   * history with the organizer as actor). Capacity and the waitlist apply as for anyone.
   */
  @Put('rsvps/:userId')
  @ApiOkResponse({ type: OrganizerAnswerResponse })
  async setOnBehalf(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: OrganizerRsvpDto,
  ): Promise<OrganizerAnswerResponse> {
    const outcome = await this.actions.setAnswer(id, p.userId, userId, {
      status: dto.status,
      mode: dto.mode,
    });
    return {
      status: outcome.rsvp.status,
      previous: outcome.previous,
      changed: outcome.changed,
      source: outcome.rsvp.source,
    };
  }

  /** Organizer actions: approve, reject, promote, remove, check-in. */
  @Post('rsvps/:userId/:action')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganizerActionResponse })
  @ApiParam({ name: 'action', enum: ACTIONS })
  async act(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Param('action') action: string,
  ): Promise<OrganizerActionResponse> {
    if (!ACTIONS.includes(action as OrganizerAction)) throw new DomainError('NOT_FOUND', 'No such action');
    const { rsvp, changed } = await this.actions.apply(id, p.userId, userId, action as OrganizerAction);
    return { status: rsvp.status, changed, checkedInAt: rsvp.checkedInAt };
  }
}
