import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock, DomainError, isUuid } from '@app/core';
import { EventEntity, EventsService, FeedsService, ViewVersions } from '@app/events';
import { Principal } from '@app/identity';
import { AttendeesService, RsvpService, WaitlistOutlookService, WaitlistWarning } from '@app/rsvp';
import { toEventResponse } from '../events/event.mapper';
import { OptionalUser, Public } from '../http/auth.guard';
import { CacheRecipe, CachedView, ResponseCache, Shown } from '../http/response-cache';
import { EventPageData, renderEventPage } from './event-page.view';
import { MemberPageContext, pageNotFound } from './member-context';
import { Viewer, memberPage } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';
import { RsvpPageForm } from './page-forms.dto';

/** What a rendering found out that its cache entry needs: whether it may be shared, the counts or roster it shows. */
interface PageShare {
  ok: boolean;
  counts: Shown | null;
}

/**
 * The event pages members see, with or without an account: the event page
 * the invitation emails link to. What they show comes from the same services and mapper as the
 * API (EventsService → decideEventView → toEventResponse), so the privacy rules cannot drift. GET
 * never changes anything; answering is a POST through RsvpService, like every other channel.
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller()
export class EventPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(AttendeesService) private readonly attendees: AttendeesService,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(FeedsService) private readonly feeds: FeedsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(WaitlistOutlookService) private readonly waitlist: WaitlistOutlookService,
    @Inject(ViewVersions) private readonly versions: ViewVersions,
    @Inject(ResponseCache) private readonly responses: ResponseCache,
  ) {
    responses.route('/events/:id', async (request) => {
      const viewer = await this.pages.viewer(request, null);
      return this.pageRecipe(
        'event',
        viewer,
        request,
        await this.versions.event((request.params as { id: string }).id),
      );
    });
  }

  /**
   * A signed-out visitor's page in the response cache: the URL, the language and zone it is
   * rendered in, and the version read on this request; null when it is not cached (no version).
   */
  private pageRecipe(
    view: CachedView,
    viewer: Viewer,
    request: FastifyRequest,
    version: string | null,
  ): CacheRecipe | null {
    if (version === null || viewer.user) return null;
    const cookies = request.cookies ?? {};
    return {
      view,
      key: JSON.stringify([view, request.url, viewer.locale, cookies.lang, cookies.tz, version]),
      holds: (shown) => this.versions.shownHolds(shown),
    };
  }

  @Get('events/:id')
  async event(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Query('answered') answered: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer | undefined> {
    const viewer = await this.pages.viewer(request, p);
    const flash = answered === '1' ? { tone: 'ok' as const, text: viewer.t('rsvp.answered') } : null;
    const version = p ? null : await this.versions.event(id);
    return this.cachedPage('event', version, viewer, request, reply, async (share) =>
      this.pages.send(reply, await this.eventPage(viewer, id, flash, share)),
    );
  }

  /** Answers through RsvpService (source "web"), then back to the page (303, so a reload does not resend). */
  @Post('events/:id/rsvp')
  @HttpCode(200)
  async respond(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Form(RsvpPageForm) form: PageForm<RsvpPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    this.pages.assertSameOrigin(request);
    if (!isUuid(id)) throw pageNotFound();
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/events/${id}`)}`);
    try {
      const body = form.value();
      await this.rsvps.respond({
        eventId: id,
        userId: p.userId,
        answer: body.status,
        guests: body.status === 'declined' ? undefined : body.guests,
        mode: body.mode,
        answers: body.answers,
        cocAcknowledged: body.coc,
        source: 'web',
      });
      return this.pages.redirect(reply, `/events/${id}?answered=1`);
    } catch (error) {
      if (!(error instanceof DomainError) || this.pages.statusOf(error) === 404) throw error;
      // The refusal (full, closed, code of conduct, an invalid form…) is shown on the event page itself, with the form.
      const page = await this.eventPage(viewer, id, { tone: 'danger', text: error.message });
      return this.pages.send(reply, page, this.pages.statusOf(error));
    }
  }

  /**
   * A signed-out visitor's page from the response cache (pageRecipe); a member's page, or one
   * naming attendees (a name can change without any version moving), is rendered each time.
   */
  private async cachedPage(
    view: CachedView,
    version: string | null,
    viewer: Viewer,
    request: FastifyRequest,
    reply: FastifyReply,
    render: (share: PageShare) => Promise<string>,
  ): Promise<string | Buffer | undefined> {
    const share: PageShare = { ok: true, counts: null };
    const recipe = this.pageRecipe(view, viewer, request, version);
    if (!recipe) return render(share);
    this.pages.send(reply, '');
    return this.responses.serve(recipe.view, recipe.key, request, reply, () => render(share), {
      contentType: 'text/html; charset=utf-8',
      shareable: () => share.ok,
      shown: () => share.counts,
      holds: recipe.holds,
    });
  }

  private async eventPage(
    viewer: Viewer,
    id: string,
    flash: EventPageData['flash'],
    share: PageShare = { ok: true, counts: null },
  ): Promise<string> {
    if (!isUuid(id)) throw pageNotFound();
    const userId = viewer.user?.id ?? null;
    const context = await this.events.get(id, userId);
    // A visitor's page naming attendees is kept with the roster's digest, read before the names are:
    // a change in between makes the digest older than the page, never the page older than the digest.
    const roster = !userId && context.view.attendees === 'names' ? await this.versions.roster(id) : null;
    const [mine, attendees, personalFeedUrl, outlook] = await Promise.all([
      userId ? this.attendees.mine(id, userId) : Promise.resolve(null),
      this.attendees.list(id, userId),
      userId ? this.feeds.personalFeedUrl(userId, false) : Promise.resolve(null),
      // The number in line only for someone who may see how many attend (the API's rule).
      this.waitlistOutlook(context.event, userId, context.view.attendees !== 'none'),
    ]);
    // The place in line as the waitlist moves it (per mode for a hybrid event), as the warning counts it.
    if (mine && outlook.position !== null) mine.waitlistPosition = outlook.position;
    share.ok = context.view.attendees !== 'names' || roster !== null;
    share.counts =
      roster !== null
        ? { [`names:${id.toLowerCase()}`]: roster }
        : attendees.goingCount === null
          ? null
          : { [id]: attendees.goingCount };
    const data: EventPageData = {
      event: toEventResponse(context),
      locationVisibility: context.event.locationVisibility,
      groupVisibility: context.group.group.visibility,
      codeOfConduct: context.group.group.codeOfConduct,
      mine,
      waitlistWarnings: outlook.warnings,
      goingCount: attendees.goingCount,
      // Names only when the event shows them to everyone; organizers have the RSVP screen.
      goingNames: context.view.attendees === 'names' ? attendees.items.map((a) => a.displayName) : [],
      personalFeedUrl,
      flash,
      now: this.clock.now(),
    };
    return memberPage(viewer, data.event.title, renderEventPage(viewer, data));
  }

  /** Only for a signed-in member of an event with places and a waitlist (the others are never warned). */
  private async waitlistOutlook(
    event: EventEntity,
    userId: string | null,
    showPosition: boolean,
  ): Promise<{ warnings: WaitlistWarning[]; position: number | null }> {
    const limited = event.capacity !== null || (event.kind === 'hybrid' && event.onlineCapacity !== null);
    if (!userId || !limited || !event.waitlistEnabled) return { warnings: [], position: null };
    const { mine, warnings } = await this.waitlist.outlook(event, userId, { showPosition });
    return { warnings, position: mine?.position ?? null };
  }
}
