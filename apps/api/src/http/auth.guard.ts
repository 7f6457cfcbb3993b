import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/core';
import { Principal, PrincipalResolver } from '@app/identity';

export const SESSION_COOKIE = 'hearth_session';
const IS_PUBLIC = 'hearth:public';

/** Marks a route that anonymous callers may use (a principal is still resolved when present). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export type AuthedRequest = FastifyRequest & { principal?: Principal | null };

/**
 * Secure by default: every route needs a signed-in caller unless marked @Public(). Resolves the
 * session cookie or a Bearer API token once per request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PrincipalResolver) private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const bearerToken =
      typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    request.principal = await this.resolver.resolve({ bearerToken, sessionToken });
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!isPublic && !request.principal) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    return true;
  }
}

/** The signed-in caller (routes not marked @Public()). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  return principal;
});

/** The caller if signed in, otherwise null (for @Public() routes). */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<AuthedRequest>().principal ?? null,
);

export const ClientIp = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);

/** Instance-level operations (outbox, dev mailbox) are for the instance owner. */
export function requireInstanceOwner(principal: Principal): void {
  if (principal.instanceRole !== 'owner')
    throw new DomainError('FORBIDDEN', 'Only the instance owner can do this');
}
