import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { MembershipsService } from '@app/community';
import { PrincipalResolver } from '@app/identity';
import { SESSION_COOKIE } from '../http/auth.guard';
import type { AdminGate } from './admin-app';

/**
 * The admin app is for people who organize or moderate somewhere (owner, organizer or moderator of
 * an active membership) and for the instance owner. Signed out: served (its own sign-in screen,
 * password or emailed link; the app reloads once signed in, so this gate decides again). Signed in
 * as anyone else: sent home, for every path but the hashed assets.
 */
export function adminGate(app: NestFastifyApplication): AdminGate {
  const resolver = app.get(PrincipalResolver);
  const memberships = app.get(MembershipsService);
  return async (request: FastifyRequest) => {
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    const principal = sessionToken ? await resolver.resolve({ sessionToken }) : null;
    if (!principal) return 'serve';
    if (principal.instanceRole === 'owner') return 'serve';
    return (await memberships.organizesAnywhere(principal.userId)) ? 'serve' : { redirect: '/home' };
  };
}
