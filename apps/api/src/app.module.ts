import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BackgroundJobsModule, hearthModules, type HearthModulesOptions } from '@app/runtime';
import { GroupInvitesController } from './community/group-invites.controller';
import { GroupsController, InvitesController } from './community/groups.controller';
import {
  GroupTopicsController,
  PostsController,
  ReportsController,
  TopicsController,
} from './community/topics.controller';
import { AudiencesController } from './events/audiences.controller';
import { EventsController } from './events/events.controller';
import { JobsController } from './events/jobs.controller';
import { FeedsController } from './events/feeds.controller';
import { PublicController } from './events/public.controller';
import { InvitationsController } from './events/invitations.controller';
import { RsvpsController } from './events/rsvps.controller';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth.guard';
import { ResponseCache } from './http/response-cache';
import { AuthController } from './identity/auth.controller';
import { InboundController } from './inbound/inbound.controller';
import { MeController } from './identity/me.controller';
import { MetricsController } from './metrics/metrics.controller';
import { DevReplyController } from './mail/dev-reply.controller';
import { DevMailboxController, OutboxAdminController } from './mail/mail-admin.controller';
import { UnsubscribeController } from './mail/unsubscribe.controller';
import { AnnouncementsUnsubscribeController } from './mail/announcements-unsubscribe.controller';
import { AnnouncementsController } from './community/announcements.controller';
import { AnnouncementsPagesController } from './pages/announcements-pages.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { RsvpPagesController } from './pages/rsvp-pages.controller';
import { CommunityPagesController } from './pages/community-pages.controller';
import { TopicPagesController } from './pages/topic-pages.controller';
import { EventPagesController } from './pages/event-pages.controller';
import { StylesController } from './pages/styles.controller';
import { DiscoveryPagesController } from './pages/discovery-pages.controller';
import { MemberPageContext } from './pages/member-context';
import { AccountPagesController } from './pages/account-pages.controller';
import { InvitePagesController } from './pages/invite-pages.controller';
import { SessionPagesController } from './pages/session-pages.controller';
import { HomePagesController } from './pages/home-pages.controller';
import { NetworkingPagesController } from './pages/networking-pages.controller';
import {
  NetworkingGroupReportsController,
  NetworkingMemberController,
  NetworkingOrganizerController,
} from './networking/networking.controller';

/**
 * The api's composition root for a role: HTTP controllers for `api`, background loops for `worker`,
 * both for `all`. The loops are @app/runtime's BackgroundJobsModule, the one apps/worker composes too.
 */
@Module({})
export class AppModule {
  static forRoot(options: HearthModulesOptions): DynamicModule {
    const { env } = options;
    const controllers: Type[] = env.runsApi
      ? [
          HealthController,
          AuthController,
          MeController,
          AuthPagesController,
          RsvpPagesController,
          EventPagesController,
          StylesController,
          DiscoveryPagesController,
          CommunityPagesController,
          TopicPagesController,
          InvitePagesController,
          SessionPagesController,
          HomePagesController,
          AccountPagesController,
          AnnouncementsPagesController,
          NetworkingPagesController,
          InboundController,
          GroupsController,
          InvitesController,
          GroupInvitesController,
          AnnouncementsController,
          GroupTopicsController,
          TopicsController,
          PostsController,
          ReportsController,
          EventsController,
          JobsController,
          AudiencesController,
          RsvpsController,
          InvitationsController,
          NetworkingOrganizerController,
          NetworkingMemberController,
          NetworkingGroupReportsController,
          PublicController,
          FeedsController,
          AnnouncementsUnsubscribeController,
          UnsubscribeController,
          OutboxAdminController,
          ...(env.SMTP_URL ? [] : [DevMailboxController, DevReplyController]),
          ...(env.METRICS_TOKEN ? [MetricsController] : []),
        ]
      : [HealthController];
    return {
      module: AppModule,
      // Single-process mode (HEARTH_ROLE=all, `npm start`) adds the background loops apps/worker runs.
      imports: [...hearthModules(options), ...(env.runsWorker ? [BackgroundJobsModule] : [])],
      controllers,
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        ...(env.runsApi ? [MemberPageContext, ResponseCache] : []),
      ],
    };
  }
}
