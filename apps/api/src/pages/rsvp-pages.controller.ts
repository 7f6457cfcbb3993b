import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRsvpLinkAnswer } from '@app/events';
import { Principal } from '@app/identity';
import { RsvpLinkProblem, RsvpLinkService, RsvpLinkView } from '@app/inbound';
import { WaitlistOutlookService } from '@app/rsvp';
import { OptionalUser, Public } from '../http/auth.guard';
import { MemberPageContext } from './member-context';
import { Viewer } from './member-layout';
import { Form, PageForm } from './page-form';
import { RsvpLinkPageForm } from './page-forms.dto';
import { langQuery, recipientViewer } from './recipient-viewer';
import {
  RsvpPage,
  renderCocPage,
  renderConfirmPage,
  renderMessagePage,
  renderModePage,
  renderResultPage,
} from './rsvp-pages';

/** The page of an unusable link: 400 when it is not ours or damaged, 410 when too old or its event is gone. */
function problemPage(reply: FastifyReply, viewer: Viewer, p: RsvpLinkProblem): string {
  const { t } = viewer;
  void reply.status(p.problem === 'gone' ? 410 : 400);
  return p.problem === 'gone'
    ? renderMessagePage(viewer, t('rsvpLink.expiredTitle'), t('rsvpLink.expiredText'))
    : renderMessagePage(viewer, t('rsvpLink.invalidTitle'), t('rsvpLink.invalidText'));
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
 * signed token in the path is the only authority, so no account or session is needed. The pages
 * use the member layout, in the language of the person the link was made for (unless someone is
 * signed in or chose another language on the page).
 */
@ApiExcludeController()
@Public()
@Controller('rsvp')
export class RsvpPagesController {
  constructor(
    @Inject(RsvpLinkService) private readonly links: RsvpLinkService,
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(WaitlistOutlookService) private readonly waitlist: WaitlistOutlookService,
  ) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex')
  async confirm(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Query('answer') answer: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const view = await this.links.view(token);
    const page = await this.page(request, p, token, 'problem' in view ? null : view);
    if ('problem' in view) return problemPage(reply, page.viewer, view);
    // How many wait only for a recipient who may see how many attend; their own place is theirs.
    const { mine, warnings } = await this.waitlist.outlook(view.context.event, view.userId, {
      showPosition: view.context.view.attendees !== 'none',
    });
    return renderConfirmPage(page, view, isRsvpLinkAnswer(answer) ? answer : null, {
      warnings,
      position: mine?.position ?? null,
    });
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async respond(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Form(RsvpLinkPageForm) posted: PageForm<RsvpLinkPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { form, invalid } = posted.check();
    const { answer, mode } = form;
    const result =
      invalid.length > 0
        ? null
        : await this.links.respond(token, answer, { cocAcknowledged: form.coc === true, mode });
    // Read after the answer was saved: the status, place in line and venue are the ones now held.
    const view = result && 'problem' in result ? result : await this.links.view(token);
    const page = await this.page(request, p, token, 'problem' in view ? null : view);
    const { t } = page.viewer;
    if ('problem' in view) return problemPage(reply, page.viewer, view);
    if (!result) {
      void reply.status(400);
      return renderMessagePage(page.viewer, t('rsvpLink.chooseTitle'), t('rsvpLink.chooseText'));
    }
    if ('problem' in result) return problemPage(reply, page.viewer, result);
    if (result.ok) {
      const position =
        result.status === 'waitlisted' ? await this.waitlist.position(view.context.event, view.userId) : null;
      return renderResultPage(page, view, result.status, position);
    }
    if (result.code === 'COC_ACK_REQUIRED') {
      const text = typeof result.details?.codeOfConduct === 'string' ? result.details.codeOfConduct : '';
      return renderCocPage(page, answer, text, mode);
    }
    if (result.code === 'MODE_REQUIRED') return renderModePage(page, answer);
    const href = `/events/${view.eventId}`;
    if (result.code === 'ANSWERS_REQUIRED') {
      void reply.status(422);
      return renderMessagePage(page.viewer, t('rsvpLink.questionsTitle'), t('rsvpLink.questionsText'), {
        href,
        label: t('rsvpLink.openEvent'),
      });
    }
    void reply.status(REFUSAL_STATUS[result.code] ?? 400);
    const refusal = { code: result.code, message: result.message };
    return renderMessagePage(
      page.viewer,
      t('rsvpLink.refusedTitle', refusal),
      t('rsvpLink.refusedText', refusal),
      { href, label: t('rsvpLink.openEvent') },
    );
  }

  /** The event for this person's calendar, authorised by the same token; the venue only if they may see it. */
  @Get(':token/calendar.ics')
  async calendar(
    @OptionalUser() p: Principal | null,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const feed = await this.links.calendar(token);
    void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    if ('problem' in feed) {
      void reply.header('Content-Type', 'text/html; charset=utf-8');
      const page = await this.page(request, p, token, null);
      return problemPage(reply, page.viewer, feed);
    }
    void reply
      .header('Content-Type', 'text/calendar; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="event.ics"');
    return feed.build();
  }

  /** Who reads the page, in the link's recipient's language unless they are signed in or chose one. */
  private async page(
    request: FastifyRequest,
    p: Principal | null,
    token: string,
    view: RsvpLinkView | null,
  ): Promise<RsvpPage> {
    const viewer = recipientViewer(await this.pages.viewer(request, p), request, view?.locale);
    return { viewer, token, langQuery: langQuery(request) };
  }
}
