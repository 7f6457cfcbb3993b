import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommunityModule } from '@app/community';
import { CoreModule, CoreModuleOptions } from '@app/core';
import { EventsModule } from '@app/events';
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
import { MeController } from './identity/me.controller';
import { DevMailboxController, OutboxAdminController } from './mail/mail-admin.controller';
import { UnsubscribeController } from './mail/unsubscribe.controller';
import { AuthPagesController } from './pages/auth-pages.controller';

/** Composes Hearth for a role: HTTP controllers for `api`, background loops for `worker`, both for `all`. */
@Module({})
export class AppModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { env } = options;
    const controllers: Type[] = env.runsApi
      ? [
          HealthController,
          AuthController,
          MeController,
          AuthPagesController,
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
          ...(env.SMTP_URL ? [] : [DevMailboxController]),
        ]
      : [HealthController];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        MailModule,
        IdentityModule,
        CommunityModule,
        EventsModule,
        RsvpModule,
        ...(env.runsWorker ? [WorkerModule] : []),
      ],
      controllers,
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
