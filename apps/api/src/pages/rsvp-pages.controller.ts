import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Env } from '@app/core';
import { isRsvpLinkAnswer } from '@app/events';
import { RsvpLinkProblem, RsvpLinkService } from '@app/inbound';
import { Public } from '../http/auth.guard';
import { smallPageT as t } from './page';
import { Form, PageForm } from './page-form';
import { RsvpLinkPageForm } from './page-forms.dto';
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

/** Refusals the answer-link page names (their words are in the pages catalogue, rsvpLink.refused*). */
const REFUSAL_STATUS: Record<string, number> = {
  EVENT_FULL: 409,
  EVENT_NOT_OPEN: 409,
  RSVP_NOT_OPEN: 409,
  RSVP_CLOSED: 409,
  MEMBERSHIP_REQUIRED: 403,
  TOO_MANY_GUESTS: 422,
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
    @Form(RsvpLinkPageForm) posted: PageForm<RsvpLinkPageForm>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { form, invalid } = posted.check();
    if (invalid.length > 0) {
      void reply.status(400);
      return renderMessagePage(t('rsvpLink.chooseTitle'), t('rsvpLink.chooseText'));
    }
    const { answer, mode } = form;
    const result = await this.links.respond(token, answer, { cocAcknowledged: form.coc === true, mode });
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
        t('rsvpLink.questionsTitle'),
        t('rsvpLink.questionsText'),
        href ? { href, label: t('rsvpLink.openEvent') } : undefined,
      );
    }
    void reply.status(REFUSAL_STATUS[result.code] ?? 400);
    const refusal = { code: result.code, message: result.message };
    return renderMessagePage(t('rsvpLink.refusedTitle', refusal), t('rsvpLink.refusedText', refusal));
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
