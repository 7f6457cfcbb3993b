import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The webhook's shared secret, from `Authorization: Bearer <secret>` or `X-Hearth-Inbound-Secret`.
 * Both sides are hashed first so the comparison takes the same time whatever the lengths.
 */
export function webhookSecretMatches(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): boolean {
  const authorization = headers.authorization;
  const bearer =
    typeof authorization === 'string' && /^Bearer\s+/i.test(authorization)
      ? authorization.replace(/^Bearer\s+/i, '').trim()
      : undefined;
  const header = headers['x-hearth-inbound-secret'];
  const provided = bearer ?? (typeof header === 'string' ? header.trim() : undefined);
  if (!provided) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(provided), digest(secret));
}
