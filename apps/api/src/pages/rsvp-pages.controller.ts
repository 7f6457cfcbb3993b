import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Env } from '@app/core';
import { isRsvpLinkAnswer } from '@app/events';
import { RsvpLinkProblem, RsvpLinkService } from '@app/inbound';
import { RSVP_MODES, RsvpMode } from '@app/rsvp';
import { Public } from '../http/auth.guard';
import {
  EXPIRED_LINK_PAGE,
  INVALID_LINK_PAGE,
  renderCocPage,
  renderConfirmPage,
  renderMessagePage,
  renderModePage,
  renderResultPage,
} from './rsvp-pages';

/** The HTTP status and page of an unusable link: 400 when it is not ours or damaged, 410 when too old. */
function problemPage(reply: FastifyReply, p: RsvpLinkProblem): string {
  void reply.status(p.problem === 'gone' ? 410 : 400);
  return p.problem === 'gone' ? EXPIRED_LINK_PAGE : INVALID_LINK_PAGE;
}

const REFUSALS: Record<string, [number, string, string]> = {
  EVENT_FULL: [409, 'This event is full', 'There are no places left and no waitlist for this event.'],
  EVENT_NOT_OPEN: [409, 'This event is not open', 'This event is not taking answers (it may be cancelled).'],
  RSVP_NOT_OPEN: [409, 'Answers are not open yet', 'This event does not take answers yet; try again later.'],
  RSVP_CLOSED: [409, 'Answers are closed', 'This event no longer takes answers.'],
  MEMBERSHIP_REQUIRED: [403, 'You cannot answer this event', 'Only members of this group can answer.'],
  TOO_MANY_GUESTS: [422, 'Too many guests', 'Change your guests on the event page.'],
};

/**
 * The one-click Going / Maybe / Can't go links of invitation mail (DESIGN §5: no state change on
 * GET). GET and HEAD show the event and a button; the POST answers through the RSVP service; the
 * signed token in the path is the only authority, so no account or session is needed.
 */
@ApiExcludeController()
@Public()
@Controller('rsvp')
export class RsvpPagesController {
  constructor(
    @Inject(RsvpLinkService) private readonly links: RsvpLinkService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex')
  async confirm(
    @Param('token') token: string,
    @Query('answer') answer: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const view = await this.links.view(token);
    if ('problem' in view) return problemPage(reply, view);
    return renderConfirmPage(token, view, isRsvpLinkAnswer(answer) ? answer : null);
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async respond(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const answer = body?.answer;
    const mode = RSVP_MODES.includes(body?.mode as RsvpMode) ? (body?.mode as RsvpMode) : undefined;
    if (!isRsvpLinkAnswer(answer)) {
      void reply.status(400);
      return renderMessagePage('Choose an answer', 'Press one of the buttons on the previous page.');
    }
    const result = await this.links.respond(token, answer, { cocAcknowledged: body?.coc === 'yes', mode });
    if ('problem' in result) return problemPage(reply, result);
    if (result.ok) return renderResultPage(token, result.status);
    if (result.code === 'COC_ACK_REQUIRED') {
      const text = typeof result.details?.codeOfConduct === 'string' ? result.details.codeOfConduct : '';
      return renderCocPage(token, answer, text, mode);
    }
    if (result.code === 'MODE_REQUIRED') return renderModePage(token, answer);
    if (result.code === 'ANSWERS_REQUIRED') {
      const view = await this.links.view(token);
      const href = 'problem' in view ? undefined : `${this.env.publicBaseUrl}/events/${view.eventId}`;
      void reply.status(422);
      return renderMessagePage(
        'A few questions first',
        'The organizers ask a few questions before you can answer. Open the event to answer them.',
        href ? { href, label: 'Open the event' } : undefined,
      );
    }
    const [status, title, message] = REFUSALS[result.code] ?? [
      400,
      'Your answer was not saved',
      result.message,
    ];
    void reply.status(status);
    return renderMessagePage(title, message);
  }

  /** The event for this person's calendar, authorised by the same token; the venue only if they may see it. */
  @Get(':token/calendar.ics')
  async calendar(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const feed = await this.links.calendar(token);
    void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    if ('problem' in feed) {
      void reply.header('Content-Type', 'text/html; charset=utf-8');
      return problemPage(reply, feed);
    }
    void reply
      .header('Content-Type', 'text/calendar; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="event.ics"');
    return feed.build();
  }
}
