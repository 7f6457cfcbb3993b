import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { EventsService, SeriesService, ViewVersions } from '@app/events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CacheRecipe, ResponseCache } from '../http/response-cache';
import { Principal } from '@app/identity';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';
import {
  CreateEventDto,
  CreateSeriesDto,
  ListEventsQuery,
  UpdateEventDto,
  UpdateSeriesDto,
} from './events.dto';
import { EventResponse, toEventResponse, toSeriesResponse } from './event.mapper';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiObjectResponse } from '../http/api-responses';
import { RouteSchema } from '@nestjs/platform-fastify';
import { EventListResponse, EventPageResponse, SeriesResponse } from './event.response';
import { EVENT_SCHEMA, serializeEvent } from './event.response-schema';

const uuid = new ParseUUIDPipe();

@ApiTags('events')
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('api')
export class EventsController {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(SeriesService) private readonly series: SeriesService,
    @Inject(ViewVersions) private readonly versions: ViewVersions,
    @Inject(ResponseCache) private readonly responses: ResponseCache,
  ) {
    responses.route('/api/events/:id', (request) => this.eventRecipe((request.params as { id: string }).id));
  }

  /** A signed-out view of an event in the response cache, at its group's version read now; null: no such event. */
  private async eventRecipe(id: string): Promise<CacheRecipe | null> {
    const version = await this.versions.event(id);
    return version === null ? null : { view: 'event', key: `event:json:${id}:${version}` };
  }

  @Post('groups/:slug/events')
  @ApiErrorResponses(429) // naming more guests than the day's allowance
  @ApiCreatedResponse({ type: EventResponse })
  async create(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Body() dto: CreateEventDto,
  ): Promise<EventResponse> {
    const { confirmLongEvent, audience, ...fields } = dto;
    return toEventResponse(
      await this.events.createInGroup(slug, p.userId, fields, { confirmLongEvent }, audience),
    );
  }

  @Public()
  @Get('groups/:slug/events')
  @ApiOkResponse({ type: EventPageResponse })
  async list(
    @OptionalUser() p: Principal | null,
    @Param('slug') slug: string,
    @Query() q: ListEventsQuery,
  ): Promise<EventPageResponse> {
    const page = await this.events.listForGroup(slug, p?.userId ?? null, { ...q, limit: q.limit ?? 20 });
    return { items: page.items.map(toEventResponse), nextCursor: page.nextCursor };
  }

  @Public()
  @Get('events/:id')
  @ApiOkResponse({ type: EventResponse })
  @RouteSchema({ response: { 200: EVENT_SCHEMA } })
  async get(
    @OptionalUser() p: Principal | null,
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventResponse | string | Buffer | undefined> {
    const render = async () => toEventResponse(await this.events.get(id, p?.userId ?? null));
    // Only the signed-out view is the same for everyone who asks; a member's depends on who they are.
    const recipe = p ? null : await this.eventRecipe(id);
    if (recipe === null) return render();
    return this.responses.serve(
      recipe.view,
      recipe.key,
      request,
      reply,
      async () => serializeEvent(await render()),
      {
        contentType: 'application/json; charset=utf-8',
      },
    );
  }

  /** How many calendars an update would reach, for the "this will update N calendars" prompt. */
  @Get('events/:id/update-preview')
  @ApiObjectResponse({ calendarsToUpdate: 'number' })
  async preview(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<{ calendarsToUpdate: number }> {
    return { calendarsToUpdate: await this.events.updateRecipientCount(id, p.userId) };
  }

  @Patch('events/:id')
  @ApiErrorResponses(429) // naming more guests than the day's allowance
  @ApiExtraModels(EventResponse, EventListResponse)
  @ApiOkResponse({
    description: 'The event; with scope `following`, every event of the series that changed',
    schema: { oneOf: [{ $ref: getSchemaPath(EventResponse) }, { $ref: getSchemaPath(EventListResponse) }] },
  })
  async update(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventResponse | EventListResponse> {
    const { scope, confirmLongEvent, confirmPast, audience, ...changes } = dto;
    const confirm = { confirmLongEvent, confirmPast };
    if (scope === 'following') {
      const updated = await this.series.updateFollowing(id, p.userId, changes, confirm, audience);
      return { items: updated.map(toEventResponse) };
    }
    return toEventResponse(await this.events.update(id, p.userId, changes, confirm, audience));
  }

  @Post('events/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: EventResponse })
  async cancel(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<EventResponse> {
    return toEventResponse(await this.events.cancel(id, p.userId));
  }

  @Post('topics/:id/series')
  @ApiErrorResponses(429) // naming more guests than the day's allowance
  @ApiCreatedResponse({ type: SeriesResponse })
  async createSeries(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: CreateSeriesDto,
  ): Promise<SeriesResponse> {
    return toSeriesResponse(await this.series.createFromTopic(id, p.userId, dto));
  }

  @Public()
  @Get('series/:id')
  @ApiOkResponse({ type: SeriesResponse })
  async getSeries(
    @OptionalUser() p: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<SeriesResponse> {
    return toSeriesResponse(await this.series.get(id, p?.userId ?? null));
  }

  @Patch('series/:id')
  @ApiErrorResponses(429) // naming more guests than the day's allowance
  @ApiOkResponse({ type: SeriesResponse })
  async updateSeries(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateSeriesDto,
  ): Promise<SeriesResponse> {
    return toSeriesResponse(await this.series.update(id, p.userId, dto));
  }
}
