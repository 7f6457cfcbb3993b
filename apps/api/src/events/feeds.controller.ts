import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiObjectResponse, ApiTextResponse } from '../http/api-responses';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Feed, FeedsService } from '@app/events';
import { Principal } from '@app/identity';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';

const uuid = new ParseUUIDPipe();

/** Answers 304 when the client's ETag still matches, so unchanged feeds cost one small query. */
async function sendFeed(
  feed: Feed,
  request: FastifyRequest,
  reply: FastifyReply,
  filename: string,
  cache: 'public' | 'private',
): Promise<string | undefined> {
  void reply
    .header('ETag', feed.etag)
    .header('Cache-Control', `${cache}, max-age=300`)
    .header('Content-Type', 'text/calendar; charset=utf-8')
    .header('Content-Disposition', `inline; filename="${filename}"`);
  const match = request.headers['if-none-match'];
  if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)) {
    void reply.status(304);
    return undefined;
  }
  return await feed.build();
}

@ApiTags('calendar')
@ApiErrorResponses(400, 401, 404)
@Controller('api')
export class FeedsController {
  constructor(@Inject(FeedsService) private readonly feeds: FeedsService) {}

  @Public()
  @Get('events/:id/calendar.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async event(
    @OptionalUser() p: Principal | null,
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return sendFeed(
      await this.feeds.eventIcs(id, p?.userId ?? null),
      request,
      reply,
      'event.ics',
      p ? 'private' : 'public',
    );
  }

  @Public()
  @Get('feeds/groups/:slug.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async group(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFeed(await this.feeds.groupFeed(slug), request, reply, `${slug}.ics`, 'public');
  }

  @Public()
  @Get('feeds/series/:id.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async series(
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFeed(await this.feeds.seriesFeed(id), request, reply, 'series.ics', 'public');
  }

  /** Authorised by the secret token alone: calendar apps fetch it without cookies. */
  @Public()
  @Get('feeds/me/:token.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async personal(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('Referrer-Policy', 'no-referrer');
    return sendFeed(await this.feeds.personalFeed(token), request, reply, 'hearth.ics', 'private');
  }

  @Get('me/feed')
  @ApiObjectResponse({ url: 'string' })
  async myFeed(@CurrentUser() p: Principal): Promise<{ url: string }> {
    return { url: await this.feeds.personalFeedUrl(p.userId, false) };
  }

  /** A new secret URL; the old one stops working at once. */
  @Post('me/feed/rotate')
  @ApiObjectResponse({ url: 'string' })
  @HttpCode(200)
  async rotate(@CurrentUser() p: Principal): Promise<{ url: string }> {
    return { url: await this.feeds.personalFeedUrl(p.userId, true) };
  }
}
