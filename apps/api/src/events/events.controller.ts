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
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { EventsService, SeriesService } from '@app/events';
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

const uuid = new ParseUUIDPipe();

@ApiTags('events')
@ApiErrorResponses(400, 401, 403, 404, 409, 422)
@Controller('api')
export class EventsController {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(SeriesService) private readonly series: SeriesService,
  ) {}

  @Post('groups/:slug/events')
  async create(
    @CurrentUser() p: Principal,
    @Param('slug') slug: string,
    @Body() dto: CreateEventDto,
  ): Promise<EventResponse> {
    const { confirmLongEvent, ...fields } = dto;
    return toEventResponse(await this.events.createInGroup(slug, p.userId, fields, { confirmLongEvent }));
  }

  @Public()
  @Get('groups/:slug/events')
  async list(@OptionalUser() p: Principal | null, @Param('slug') slug: string, @Query() q: ListEventsQuery) {
    const page = await this.events.listForGroup(slug, p?.userId ?? null, { ...q, limit: q.limit ?? 20 });
    return { items: page.items.map(toEventResponse), nextCursor: page.nextCursor };
  }

  @Public()
  @Get('events/:id')
  async get(@OptionalUser() p: Principal | null, @Param('id', uuid) id: string): Promise<EventResponse> {
    return toEventResponse(await this.events.get(id, p?.userId ?? null));
  }

  /** How many calendars an update would reach, for the "this will update N calendars" prompt. */
  @Get('events/:id/update-preview')
  async preview(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<{ calendarsToUpdate: number }> {
    return { calendarsToUpdate: await this.events.updateRecipientCount(id, p.userId) };
  }

  @Patch('events/:id')
  async update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateEventDto) {
    const { scope, confirmLongEvent, confirmPast, ...changes } = dto;
    const confirm = { confirmLongEvent, confirmPast };
    if (scope === 'following') {
      const updated = await this.series.updateFollowing(id, p.userId, changes, confirm);
      return { items: updated.map(toEventResponse) };
    }
    return toEventResponse(await this.events.update(id, p.userId, changes, confirm));
  }

  @Post('events/:id/cancel')
  @HttpCode(200)
  async cancel(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<EventResponse> {
    return toEventResponse(await this.events.cancel(id, p.userId));
  }

  @Post('topics/:id/series')
  async createSeries(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: CreateSeriesDto,
  ) {
    return toSeriesResponse(await this.series.createFromTopic(id, p.userId, dto));
  }

  @Public()
  @Get('series/:id')
  async getSeries(@OptionalUser() p: Principal | null, @Param('id', uuid) id: string) {
    return toSeriesResponse(await this.series.get(id, p?.userId ?? null));
  }

  @Patch('series/:id')
  async updateSeries(
    @CurrentUser() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateSeriesDto,
  ) {
    return toSeriesResponse(await this.series.update(id, p.userId, dto));
  }
}
