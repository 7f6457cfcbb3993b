import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { MembershipsService } from '@app/community';
import { PrincipalResolver, UsersService } from '@app/identity';
import { SESSION_COOKIE } from '../http/auth.guard';
import type { AdminGate } from './admin-app';
import { landingPath } from './landing';

/**
 * The admin app is for people who organize or moderate somewhere (owner, organizer or moderator of
 * an active membership) and for the instance owner. Signed out: served (its sign-in screen). Signed
 * in without the first sign-in step done: /welcome first, back here after. Anyone else: /home.
 */
export function adminGate(app: NestFastifyApplication): AdminGate {
  const resolver = app.get(PrincipalResolver);
  const users = app.get(UsersService);
  const memberships = app.get(MembershipsService);
  return async (request: FastifyRequest) => {
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    const principal = sessionToken ? await resolver.resolve({ sessionToken }) : null;
    if (!principal) return 'serve';
    const allowed =
      principal.instanceRole === 'owner' || (await memberships.organizesAnywhere(principal.userId));
    if (!allowed) return { redirect: '/home' };
    const user = await users.find(principal.userId);
    const here = request.url.split('?')[0];
    if (user && !user.onboardedAt) return { redirect: landingPath(user, here) };
    return 'serve';
  };
}
