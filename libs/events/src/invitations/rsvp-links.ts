import { isUuid, RSVP_ANSWERS, signToken, verifyToken } from '@app/core';

/** Purpose claim of one-click RSVP link tokens; a token for anything else is refused. */
export const RSVP_LINK_PURPOSE = 'rsvp-link';

export const RSVP_LINK_ANSWERS = RSVP_ANSWERS;
export type RsvpLinkAnswer = (typeof RSVP_LINK_ANSWERS)[number];

/** Same lifetime as the links in invitations. */
export const RSVP_LINK_TTL_S = 90 * 24 * 3600;

export type RsvpLinkCheck =
  | { ok: true; userId: string; eventId: string }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

/**
 * A one-click RSVP link token (the shape the invitations service puts in every invitation): purpose
 * `rsvp-link`, the person as subject, the event, an expiry. The answer travels beside it, in the
 * query or the form, so one token serves the three buttons.
 */
export function signRsvpLink(userId: string, eventId: string, secret: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + RSVP_LINK_TTL_S;
  return signToken({ purpose: RSVP_LINK_PURPOSE, sub: userId, event: eventId, exp }, secret);
}

export function rsvpLinkUrl(base: string, token: string, answer: RsvpLinkAnswer): string {
  return `${base}/rsvp/${token}?answer=${answer}`;
}

/** Signature, purpose and expiry (verifyToken compares in constant time), then the claims' shape. */
export function verifyRsvpLink(token: string, secret: string, now: Date): RsvpLinkCheck {
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const result = verifyToken(token, secret, RSVP_LINK_PURPOSE, now);
  if (!result.ok) return result;
  const { sub, event } = result.claims;
  if (!isUuid(sub) || typeof event !== 'string' || !isUuid(event)) return { ok: false, reason: 'malformed' };
  return { ok: true, userId: sub.toLowerCase(), eventId: event.toLowerCase() };
}

export function isRsvpLinkAnswer(value: unknown): value is RsvpLinkAnswer {
  return typeof value === 'string' && (RSVP_LINK_ANSWERS as readonly string[]).includes(value);
}
