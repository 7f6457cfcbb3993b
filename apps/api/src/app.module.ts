import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountModule } from '@app/account';
import { CommunityModule } from '@app/community';
import { Clock, CoreModule, Env } from '@app/core';
import { EventsModule } from '@app/events';
import { InboundModule } from '@app/inbound';
import { RsvpModule } from '@app/rsvp';
import { IdentityModule } from '@app/identity';
import { MailModule } from '@app/mail';
import { WorkerModule } from '@app/worker';
import { GroupsController, InvitesController } from './community/groups.controller';
import {
  GroupTopicsController,
  PostsController,
  ReportsController,
  TopicsController,
} from './community/topics.controller';
import { EventsController } from './events/events.controller';
import { FeedsController } from './events/feeds.controller';
import { PublicController } from './events/public.controller';
import { RsvpsController } from './events/rsvps.controller';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth.guard';
import { AuthController } from './identity/auth.controller';
import { InboundController } from './inbound/inbound.controller';
import { MeController } from './identity/me.controller';
import { MetricsController } from './metrics/metrics.controller';
import { DevReplyController } from './mail/dev-reply.controller';
import { DevMailboxController, OutboxAdminController } from './mail/mail-admin.controller';
import { UnsubscribeController } from './mail/unsubscribe.controller';
import { AuthPagesController } from './pages/auth-pages.controller';
import { RsvpPagesController } from './pages/rsvp-pages.controller';
import { CommunityPagesController } from './pages/community-pages.controller';
import { EventPagesController } from './pages/event-pages.controller';
import { MemberPageContext } from './pages/member-context';
import { AccountPagesController } from './pages/account-pages.controller';
import { SessionPagesController } from './pages/session-pages.controller';
import { HEARTH_SCHEMA } from './schema';

export interface AppModuleOptions {
  env: Env;
  databaseUrl: string;
  clock?: Clock;
}

/** Composes Hearth for a role: HTTP controllers for `api`, background loops for `worker`, both for `all`. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { env } = options;
    const controllers: Type[] = env.runsApi
      ? [
          HealthController,
          AuthController,
          MeController,
          AuthPagesController,
          RsvpPagesController,
          EventPagesController,
          CommunityPagesController,
          SessionPagesController,
          AccountPagesController,
          InboundController,
          GroupsController,
          InvitesController,
          GroupTopicsController,
          TopicsController,
          PostsController,
          ReportsController,
          EventsController,
          RsvpsController,
          PublicController,
          FeedsController,
          UnsubscribeController,
          OutboxAdminController,
          ...(env.SMTP_URL ? [] : [DevMailboxController, DevReplyController]),
          ...(env.METRICS_TOKEN ? [MetricsController] : []),
        ]
      : [HealthController];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ ...options, schema: HEARTH_SCHEMA }),
        MailModule,
        IdentityModule,
        CommunityModule,
        EventsModule,
        RsvpModule,
        InboundModule,
        AccountModule,
        ...(env.runsWorker ? [WorkerModule] : []),
      ],
      controllers,
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, ...(env.runsApi ? [MemberPageContext] : [])],
    };
  }
}
