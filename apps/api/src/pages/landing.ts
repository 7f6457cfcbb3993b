import { isReturnPath } from './member-layout';

/**
 * Where a member goes after signing in: `next` when it is one of our pages, else their home, by
 * way of the first sign-in step (/welcome) while the account has not done it.
 */
export function landingPath(user: { onboardedAt: Date | null }, next: string | null | undefined): string {
  const target = next && isReturnPath(next) && !next.startsWith('/welcome') ? next : '/home';
  return user.onboardedAt ? target : `/welcome?next=${encodeURIComponent(target)}`;
}
