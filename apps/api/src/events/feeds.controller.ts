import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiObjectResponse, ApiTextResponse } from '../http/api-responses';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Feed, FeedsService } from '@app/events';
import { Principal } from '@app/identity';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';
import { ResponseCache, etagMatches } from '../http/response-cache';

const uuid = new ParseUUIDPipe();

/**
 * Answers 304 when the client's ETag still matches, so unchanged feeds cost one small query (shared
 * with the other requests of the moment for group feeds); a feed that is the same for everyone
 * (group, series) is served from the response cache, compressed variants included, keyed on its
 * version, and built once however many clients ask for it while it is being built.
 */
async function sendFeed(
  feed: Feed<string | Buffer>,
  request: FastifyRequest,
  reply: FastifyReply,
  filename: string,
  cache: 'public' | 'private',
  responses?: ResponseCache,
): Promise<string | Buffer | undefined> {
  void reply
    .header('ETag', feed.etag)
    .header('Cache-Control', `${cache}, max-age=300`)
    .header('Content-Type', ICS)
    .header('Content-Disposition', `inline; filename="${filename}"`);
  if (etagMatches(request.headers['if-none-match'], feed.etag)) {
    void reply.status(304);
    return undefined;
  }
  if (!responses || !feed.cacheKey) return await feed.build();
  return responses.serve('feed', feed.cacheKey, request, reply, async () => feed.build(), {
    contentType: ICS,
    etag: feed.etag,
    ttlMs: DAY_MS,
  });
}

const ICS = 'text/calendar; charset=utf-8';
const DAY_MS = 86_400_000;

@ApiTags('calendar')
@ApiErrorResponses(400, 401, 404)
@Controller('api')
export class FeedsController {
  constructor(
    @Inject(FeedsService) private readonly feeds: FeedsService,
    @Inject(ResponseCache) private readonly responses: ResponseCache,
  ) {
    // The group feed's key costs one shared read (its group's version); a missing or private group is the handler's 404.
    responses.route('/api/feeds/groups/:slug.ics', async (request) => {
      const feed = await this.feeds.groupFeed((request.params as { slug: string }).slug).catch(() => null);
      return feed?.cacheKey ? { view: 'feed', key: feed.cacheKey } : null;
    });
  }

  @Public()
  @Get('events/:id/calendar.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async event(
    @OptionalUser() p: Principal | null,
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer | undefined> {
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
    return sendFeed(
      await this.feeds.groupFeed(slug),
      request,
      reply,
      // The group's own spelling (slugs are lower case): a cached answer keeps this header for everyone.
      `${slug.toLowerCase()}.ics`,
      'public',
      this.responses,
    );
  }

  @Public()
  @Get('feeds/series/:id.ics')
  @ApiTextResponse('text/calendar', 'iCalendar (RFC 5545)')
  async series(
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFeed(await this.feeds.seriesFeed(id), request, reply, 'series.ics', 'public', this.responses);
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
