import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock, DomainError, RSVP_ANSWERS } from '@app/core';
import { EVENT_KINDS, EventKind, EventsService, FeedsService, PublicEventsService } from '@app/events';
import { Principal } from '@app/identity';
import { AttendeesService, RsvpService } from '@app/rsvp';
import { toEventResponse } from '../events/event.mapper';
import { OptionalUser, Public } from '../http/auth.guard';
import { renderPublicList } from './community-pages.view';
import { EventPageData, renderEventPage } from './event-page.view';
import { MemberPageContext, isUuid, pageNotFound } from './member-context';
import { Viewer, memberPage } from './member-layout';

const ANSWERS = RSVP_ANSWERS;
type Answer = (typeof ANSWERS)[number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TAG = /^[\p{L}\p{N}-]{1,40}$/u;

const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

/**
 * The event pages members see, with or without an account: the public list, and the event page
 * the invitation emails link to. What they show comes from the same services and mapper as the
 * API (EventsService → decideEventView → toEventResponse), so the privacy rules cannot drift. GET
 * never changes anything; answering is a POST through RsvpService, like every other channel.
 */
@ApiExcludeController()
@Public()
@Controller()
export class EventPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(AttendeesService) private readonly attendees: AttendeesService,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(FeedsService) private readonly feeds: FeedsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('events')
  async list(
    @OptionalUser() p: Principal | null,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const kind = EVENT_KINDS.find((k) => k === query.kind);
    return this.publicList(p, query, request, reply, kind, false);
  }

  @Get('networking')
  async networking(
    @OptionalUser() p: Principal | null,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.publicList(p, query, request, reply, 'virtual_networking', true);
  }

  @Get('events/:id')
  async event(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Query('answered') answered: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    try {
      const flash = answered === '1' ? { tone: 'ok' as const, text: viewer.copy.answered } : null;
      return this.pages.send(reply, await this.eventPage(viewer, id, flash));
    } catch (error) {
      return this.pages.error(reply, viewer, error);
    }
  }

  /** Answers through RsvpService (source "web"), then back to the page (303, so a reload does not resend). */
  @Post('events/:id/rsvp')
  @HttpCode(200)
  async respond(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!this.pages.sameOrigin(request)) return this.pages.refused(reply, viewer);
    if (!isUuid(id)) return this.pages.error(reply, viewer, pageNotFound());
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/events/${id}`)}`);
    const answer = ANSWERS.find((a) => a === body?.status);
    try {
      if (!answer) throw new DomainError('VALIDATION_FAILED', 'Choose Going, Maybe or Can’t go');
      await this.rsvps.respond({
        eventId: id,
        userId: p.userId,
        answer,
        guests: this.guests(body, answer),
        mode: body.mode === 'in_person' || body.mode === 'online' ? body.mode : undefined,
        answers: this.answers(body),
        cocAcknowledged: body.coc === 'yes' ? true : undefined,
        source: 'web',
      });
      return this.pages.redirect(reply, `/events/${id}?answered=1`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The refusal (full, closed, code of conduct…) is shown on the event page itself, with the form.
      try {
        const status = this.pages.statusOf(error);
        if (status === 404) return this.pages.error(reply, viewer, error);
        return this.pages.send(
          reply,
          await this.eventPage(viewer, id, { tone: 'danger', text: error.message }),
          status,
        );
      } catch (inner) {
        return this.pages.error(reply, viewer, inner);
      }
    }
  }

  private async eventPage(viewer: Viewer, id: string, flash: EventPageData['flash']): Promise<string> {
    if (!isUuid(id)) throw pageNotFound();
    const userId = viewer.user?.id ?? null;
    const context = await this.events.get(id, userId);
    const [mine, attendees, personalFeedUrl] = await Promise.all([
      userId ? this.attendees.mine(id, userId) : Promise.resolve(null),
      this.attendees.list(id, userId),
      userId ? this.feeds.personalFeedUrl(userId, false) : Promise.resolve(null),
    ]);
    const data: EventPageData = {
      event: toEventResponse(context),
      locationVisibility: context.event.locationVisibility,
      groupVisibility: context.group.group.visibility,
      codeOfConduct: context.group.group.codeOfConduct,
      mine,
      goingCount: attendees.goingCount,
      // Names only when the event shows them to everyone; organizers have the RSVP screen.
      goingNames: context.view.attendees === 'names' ? attendees.items.map((a) => a.displayName) : [],
      personalFeedUrl,
      flash,
      now: this.clock.now(),
    };
    return memberPage(viewer, data.event.title, renderEventPage(viewer, data));
  }

  private guests(body: Record<string, unknown>, answer: Answer): number | undefined {
    if (answer === 'declined') return undefined;
    const value = typeof body.guests === 'string' ? Number(body.guests) : NaN;
    return Number.isInteger(value) && value >= 0 && value <= 20 ? value : undefined;
  }

  /** Fields named answer_<question id>, as the page's form writes them. */
  private answers(body: Record<string, unknown>): Record<string, string> | undefined {
    const answers: Record<string, string> = {};
    for (const [key, value] of Object.entries(body ?? {})) {
      const m = /^answer_([a-z0-9_-]{1,40})$/.exec(key);
      if (m && typeof value === 'string') answers[m[1]] = value.slice(0, 2000);
    }
    return Object.keys(answers).length > 0 ? answers : undefined;
  }

  private async publicList(
    p: Principal | null,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
    kind: EventKind | undefined,
    lockedKind: boolean,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const q = text(query.q, 200);
    const tag = text(query.tag, 40);
    const from = text(query.from, 10);
    const cursor = text(query.cursor, 200);
    try {
      const page = await this.publicEvents.list({
        kind,
        q: q || undefined,
        tag: TAG.test(tag) ? tag : undefined,
        from: DATE.test(from) && !Number.isNaN(Date.parse(from)) ? new Date(`${from}T00:00:00Z`) : undefined,
        cursor: cursor || undefined,
        limit: 20,
      });
      const action = lockedKind ? '/networking' : '/events';
      const next = new URLSearchParams();
      if (kind && !lockedKind) next.set('kind', kind);
      if (q) next.set('q', q);
      if (tag) next.set('tag', tag);
      if (from) next.set('from', from);
      if (page.nextCursor) next.set('cursor', page.nextCursor);
      const title = lockedKind ? viewer.copy.networkingTitle : viewer.copy.publicTitle;
      return this.pages.send(
        reply,
        memberPage(
          viewer,
          title,
          renderPublicList(viewer, {
            title,
            intro: viewer.copy.publicIntro,
            events: page.items,
            nextHref: page.nextCursor ? `${action}?${next.toString()}` : null,
            filters: { kind: kind ?? '', q, tag, from },
            action,
            lockedKind,
          }),
          lockedKind ? 'networking' : 'events',
        ),
      );
    } catch (error) {
      return this.pages.error(reply, viewer, error);
    }
  }
}
