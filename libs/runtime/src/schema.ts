import { SchemaDefinition } from '@app/core';
import { COMMUNITY_ENTITIES } from '@app/community';
import { EVENTS_ENTITIES } from '@app/events';
import { RSVP_ENTITIES } from '@app/rsvp';
import { IDENTITY_ENTITIES } from '@app/identity';
import { MAIL_ENTITIES } from '@app/mail';
import { MIGRATIONS } from '@app/migrations';

/** Every entity and migration of Hearth; the app, the tests and the benchmarks all use this. */
export const HEARTH_SCHEMA: SchemaDefinition = {
  entities: [
    ...IDENTITY_ENTITIES,
    ...COMMUNITY_ENTITIES,
    ...MAIL_ENTITIES,
    ...EVENTS_ENTITIES,
    ...RSVP_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
