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
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@app/core';
import { Principal } from '@app/identity';
import {
  ConnectionsService,
  OrganizerNetworkingService,
  ParticipationService,
  RoundAction,
  RoundsService,
} from '@app/networking';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser } from '../http/auth.guard';
import {
  MoveDto,
  NetworkingReportDto,
  NetworkingReportsQuery,
  NetworkingSettingsDto,
  ParticipationDto,
  PersonRefDto,
  StayInTouchDto,
} from './networking.dto';
import {
  BlockResponse,
  CreatedIdResponse,
  GroupNetworkingReportResponse,
  LiveResponse,
  MetPersonResponse,
  NetworkingReportResponse,
  NetworkingSettingsResponse,
  PlanResponse,
  StayInTouchResponse,
} from './networking.response';

const uuid = new ParseUUIDPipe();
const ACTIONS: RoundAction[] = ['start', 'pause', 'skip', 'end'];

/** Networking rounds of a virtual networking or hybrid event (issue 15): organizer side. */
@ApiTags('networking')
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('api/events/:id/networking')
export class NetworkingOrganizerController {
  constructor(
    @Inject(RoundsService) private readonly rounds: RoundsService,
    @Inject(OrganizerNetworkingService) private readonly organizer: OrganizerNetworkingService,
  ) {}

  /** The plan: rounds, lengths, break, group size, interests. Its total must fit the event (422). */
  @Put('settings')
  @ApiOkResponse({ type: NetworkingSettingsResponse })
  async configure(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: NetworkingSettingsDto,
  ): Promise<NetworkingSettingsResponse> {
    const s = await this.rounds.configure(id, p.userId, { ...dto, interestTags: dto.interestTags ?? [] });
    return settingsResponse(s);
  }

  /** The whole plan for organizers: schedule, rooms of every round (user ids and shown names). */
  @Get('plan')
  @ApiOkResponse({ type: PlanResponse })
  async plan(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<PlanResponse> {
    const plan = await this.organizer.plan(id, p.userId);
    return { ...plan, settings: plan.settings ? settingsResponse(plan.settings) : null };
  }

  /** start (or resume), pause, skip (to the next round now), end. */
  @Post('rounds/:action')
  @HttpCode(204)
  @ApiNoContentResponse()
  async act(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('action') action: string,
  ): Promise<void> {
    if (!ACTIONS.includes(action as RoundAction)) throw new DomainError('NOT_FOUND', 'No such action');
    await this.rounds.act(id, p.userId, action as RoundAction);
  }

  /** Moves a person into another room of the current round (refused if a block forbids it). */
  @Post('moves')
  @HttpCode(204)
  @ApiNoContentResponse()
  async move(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: MoveDto,
  ): Promise<void> {
    await this.organizer.move(id, p.userId, dto.userId, dto.roomId);
  }

  /** Reports filed from rooms, with the round and room. */
  @Get('reports')
  @ApiOkResponse({ type: [NetworkingReportResponse] })
  reports(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<NetworkingReportResponse[]> {
    return this.organizer.reports(id, p.userId);
  }
}

/** Networking rounds, participant side: only ever the caller's own data and own room. */
@ApiTags('networking')
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('api/events/:id/networking')
export class NetworkingMemberController {
  constructor(
    @Inject(ParticipationService) private readonly participation: ParticipationService,
    @Inject(ConnectionsService) private readonly connections: ConnectionsService,
  ) {}

  /** The live view: current round, my room (the people in it, as they chose to appear), countdown. */
  @Get('live')
  @ApiOkResponse({ type: LiveResponse })
  live(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<LiveResponse> {
    return this.participation.live(id, p.userId);
  }

  /** Join the rounds, or change how I appear. Going attendees only. */
  @Put('participation')
  @HttpCode(204)
  @ApiNoContentResponse()
  async optIn(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ParticipationDto,
  ): Promise<void> {
    await this.participation.optIn(id, p.userId, dto);
  }

  @Delete('participation')
  @HttpCode(204)
  @ApiNoContentResponse()
  async optOut(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.participation.optOut(id, p.userId);
  }

  /** "I'm here": seated from the next round. */
  @Post('presence')
  @HttpCode(204)
  @ApiNoContentResponse()
  async arrive(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.participation.arrive(id, p.userId);
  }

  /** Leave my room and later rounds. */
  @Delete('presence')
  @HttpCode(204)
  @ApiNoContentResponse()
  async leave(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.participation.leave(id, p.userId);
  }

  /** People I met in rooms, my own stay-in-touch answers, and theirs only when mutual. */
  @Get('met')
  @ApiOkResponse({ type: [MetPersonResponse] })
  met(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<MetPersonResponse[]> {
    return this.connections.met(id, p.userId);
  }

  @Put('met/:userId/stay-in-touch')
  @ApiOkResponse({ type: StayInTouchResponse })
  stayInTouch(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: StayInTouchDto,
  ): Promise<StayInTouchResponse> {
    return this.connections.stayInTouch(id, p.userId, userId, dto);
  }

  @Delete('met/:userId/stay-in-touch')
  @HttpCode(204)
  @ApiNoContentResponse()
  async withdraw(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    await this.connections.withdraw(id, p.userId, userId);
  }

  /** Report someone I shared a room with to the group's moderators. */
  @Post('reports')
  @ApiOkResponse({ type: CreatedIdResponse })
  @HttpCode(201)
  report(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: NetworkingReportDto,
  ): Promise<CreatedIdResponse> {
    return this.connections.report(id, p.userId, dto.userId, dto.reason);
  }

  /** Never be matched with this person in this group (private, permanent). */
  @Post('blocks')
  @HttpCode(204)
  @ApiNoContentResponse()
  async block(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PersonRefDto,
  ): Promise<void> {
    await this.connections.block(id, p.userId, dto.userId);
  }

  @Get('blocks')
  @ApiOkResponse({ type: [BlockResponse] })
  blocks(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<BlockResponse[]> {
    return this.connections.blocks(id, p.userId);
  }
}

/** Networking reports in the group's moderation queue (moderators and up). */
@ApiTags('networking')
@ApiErrorResponses(400, 401, 403, 404)
@Controller('api/groups/:slug/networking-reports')
export class NetworkingGroupReportsController {
  constructor(@Inject(OrganizerNetworkingService) private readonly organizer: OrganizerNetworkingService) {}

  @Get()
  @ApiOkResponse({ type: [GroupNetworkingReportResponse] })
  list(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Query() q: NetworkingReportsQuery,
  ): Promise<GroupNetworkingReportResponse[]> {
    return this.organizer.groupReports(slug, p.userId, q.status ?? 'open');
  }

  @Post(':reportId/resolve')
  @HttpCode(204)
  @ApiNoContentResponse()
  async resolve(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Param('reportId', uuid) reportId: string,
  ): Promise<void> {
    await this.organizer.resolveReport(slug, p.userId, reportId);
  }
}

function settingsResponse(s: NetworkingSettingsResponse): NetworkingSettingsResponse {
  return {
    rounds: s.rounds,
    roundMinutes: s.roundMinutes,
    breakMinutes: s.breakMinutes,
    groupSize: s.groupSize,
    useInterests: s.useInterests,
    interestTags: s.interestTags,
    status: s.status,
    currentRound: s.currentRound,
  };
}
