import { DynamicModule, Type } from '@nestjs/common';
import { AccountModule } from '@app/account';
import { CommunityModule } from '@app/community';
import { Clock, CoreModule, Env } from '@app/core';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { InboundModule } from '@app/inbound';
import { MailModule } from '@app/mail';
import { NetworkingModule } from '@app/networking';
import { RsvpModule } from '@app/rsvp';
import { HEARTH_SCHEMA } from './schema';

export interface HearthModulesOptions {
  env: Env;
  /** From the bootstrap: DATABASE_URL, or the embedded PostgreSQL's. */
  databaseUrl: string;
  clock?: Clock;
}

/**
 * The shared modules both composition roots (apps/api, apps/worker) run on: core (config, database,
 * clock, rate limits, metrics) and every bounded context, in dependency order.
 */
export function hearthModules(options: HearthModulesOptions): Array<DynamicModule | Type> {
  return [
    CoreModule.forRoot({ ...options, schema: HEARTH_SCHEMA }),
    MailModule,
    IdentityModule,
    CommunityModule,
    EventsModule,
    RsvpModule,
    InboundModule,
    NetworkingModule,
    AccountModule,
  ];
}
