import { Controller, Get, Header, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GroupsService, MembershipsService } from '@app/community';
import { Clock, DomainError, Env } from '@app/core';
import { FeedsService, MemberHomeService, PublicEventsService, rsvpLinkUrl, signRsvpLink } from '@app/events';
import { TIME_ZONE_ALIASES } from '@app/i18n';
import { AuthService, Principal, UsersService } from '@app/identity';
import { OptionalUser, Public } from '../http/auth.guard';
import { renderHomePage, renderIndexPage } from './home-pages.view';
import { landingPath } from './landing';
import { MemberPageContext } from './member-context';
import { Viewer, memberPage, pageTranslator } from './member-layout';
import { MemberPageFilter } from './member-page.filter';
import { Form, PageForm } from './page-form';
import { WelcomePageForm } from './welcome-page.form';
import { WelcomeField, WelcomeFormValues, renderWelcomePage, welcomeZoneScript } from './welcome-page.view';

const ZONE_SCRIPT = welcomeZoneScript(TIME_ZONE_ALIASES);
const INDEX_EVENTS = 6;

/**
 * The member's own pages: `/` (what is on, a way in), `/home` (my events, invitations, groups,
 * calendar feed) and the first sign-in step `/welcome` (name, language, zone, optional password and
 * pronouns), which every sign-in passes through until it is done (landingPath).
 */
@ApiExcludeController()
@Public()
@UseFilters(MemberPageFilter)
@Controller()
export class HomePagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(MemberHomeService) private readonly home: MemberHomeService,
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(FeedsService) private readonly feeds: FeedsService,
    @Inject(PublicEventsService) private readonly publicEvents: PublicEventsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get()
  async index(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const page = await this.publicEvents.list({ from: this.clock.now(), limit: INDEX_EVENTS });
    return this.pages.send(reply, memberPage(viewer, 'Hearth', renderIndexPage(viewer, page.items)));
  }

  @Get('home')
  async homePage(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!p || !viewer.user) return this.pages.redirect(reply, '/sign-in?next=%2Fhome');
    const userId = p.userId;
    const [events, mine, feedUrl, organizes] = await Promise.all([
      this.home.upcoming(userId),
      this.groups.listMine(userId),
      this.feeds.personalFeedUrl(userId, false),
      this.memberships.organizesAnywhere(userId),
    ]);
    const now = this.clock.now();
    const base = this.env.publicBaseUrl;
    const awaiting = events.awaiting.map((e) => {
      const token = signRsvpLink(userId, e.id, this.env.signingSecret, now);
      return {
        ...e,
        links: {
          going: rsvpLinkUrl(base, token, 'going'),
          maybe: rsvpLinkUrl(base, token, 'maybe'),
          declined: rsvpLinkUrl(base, token, 'declined'),
        },
      };
    });
    const body = renderHomePage(viewer, {
      answered: events.answered,
      awaiting,
      groups: mine.map(({ group, membership }) => ({
        slug: group.slug,
        name: group.name,
        role: membership.role,
        status: membership.status,
      })),
      feedUrl,
      organizes: organizes || p.instanceRole === 'owner',
    });
    return this.pages.send(reply, memberPage(viewer, viewer.t('home.title'), body, 'home'));
  }

  @Get('welcome')
  async welcome(
    @OptionalUser() p: Principal | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    const next = this.nextOf(request.query);
    if (!p || !viewer.user) return this.signIn(reply, next);
    const user = await this.users.get(p.userId);
    const values: WelcomeFormValues = {
      displayName: user.displayName,
      language: viewer.locale,
      timezone: user.timezone ?? 'UTC',
      chosen: user.timezone !== null,
      pronouns: user.pronouns ?? '',
      next,
    };
    return this.welcomePage(reply, viewer, values, {});
  }

  @Post('welcome')
  @HttpCode(200)
  async completeWelcome(
    @OptionalUser() p: Principal | null,
    @Form(WelcomePageForm) posted: PageForm<WelcomePageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.pages.assertSameOrigin(request);
    const viewer = await this.pages.viewer(request, p);
    const { form, invalid } = posted.check();
    const next = this.nextOf(form);
    if (!p || !viewer.user) return this.signIn(reply, next);
    // The page answers in the language just chosen, when that is a language we have.
    const lang = form.language === 'ar' || form.language === 'en' ? form.language : viewer.locale;
    const localized: Viewer = { ...viewer, locale: lang, t: pageTranslator(lang) };
    const errors: Partial<Record<WelcomeField, string>> = {};
    for (const field of invalid as WelcomeField[]) errors[field] = localized.t('welcome.invalid', { field });
    if (form.password && !errors.password && Object.keys(errors).length === 0) {
      // First, so a refused password leaves the profile as it was.
      const refused = await this.setPassword(p.userId, form.password);
      if (refused) errors.password = localized.t(refused);
    }
    if (Object.keys(errors).length > 0) {
      const values: WelcomeFormValues = {
        displayName: typeof form.displayName === 'string' ? form.displayName : '',
        language: lang,
        timezone: typeof form.timezone === 'string' ? form.timezone : 'UTC',
        chosen: true,
        pronouns: typeof form.pronouns === 'string' ? form.pronouns : '',
        next,
      };
      return this.welcomePage(
        reply,
        localized,
        values,
        errors,
        this.pages.statusOf({ code: 'VALIDATION_FAILED' }),
      );
    }
    const user = await this.users.completeOnboarding(
      p.userId,
      {
        displayName: form.displayName,
        locale: form.language,
        timezone: form.timezone,
        pronouns: form.pronouns ?? null,
      },
      this.clock.now(),
    );
    return this.pages.redirect(reply, landingPath(user, next));
  }

  /** The first sign-in step's zone helper (see welcomeZoneScript): same for everyone, cacheable. */
  @Get('welcome/zone.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  zoneScript(): string {
    return ZONE_SCRIPT;
  }

  /** Sets the first password; the message key of a refusal (too weak, or one is set already). */
  private async setPassword(
    userId: string,
    password: string,
  ): Promise<'welcome.passwordWeak' | 'welcome.passwordExists' | null> {
    try {
      await this.auth.setPassword(userId, password);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'PASSWORD_TOO_WEAK') return 'welcome.passwordWeak';
      if (error.code === 'CURRENT_PASSWORD_REQUIRED') return 'welcome.passwordExists';
      throw error;
    }
  }

  private nextOf(source: unknown): string {
    const next = (source as { next?: unknown } | undefined)?.next;
    return typeof next === 'string' && next.length <= 500
      ? landingPath({ onboardedAt: new Date() }, next)
      : '/home';
  }

  private signIn(reply: FastifyReply, next: string): string {
    return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(next)}`);
  }

  private welcomePage(
    reply: FastifyReply,
    viewer: Viewer,
    values: WelcomeFormValues,
    errors: Partial<Record<WelcomeField, string>>,
    status = 200,
  ): string {
    return this.pages.send(
      reply,
      memberPage(viewer, viewer.t('welcome.title'), renderWelcomePage(viewer, values, errors)),
      status,
    );
  }
}
