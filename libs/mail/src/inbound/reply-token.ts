/** Tokens shorter than this cannot be unguessable; we issue 43 characters (32 random bytes). */
export const REPLY_TOKEN_MIN_LENGTH = 16;
/** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets, and `rsvp+` takes 5 of them. */
export const REPLY_TOKEN_MAX_LENGTH = 59;

const TOKEN_LOCAL_PART = /^rsvp\+([A-Za-z0-9_-]+)$/i;

/**
 * The token of a per-invitation reply address `rsvp+<token>@<inbound domain>` (DESIGN §4), or null.
 * Accepts the bare address, `<address>` or a `mailto:` URI (ORGANIZER values). The domain compares
 * case-insensitively (RFC 5321 §2.4); the token is base64url and keeps its case. Whether the token is
 * valid, and for which invitation, is for the caller to decide.
 */
export function extractReplyToken(address: string, inboundDomain: string): string | null {
  if (typeof address !== 'string' || typeof inboundDomain !== 'string' || address.length > 320) return null;
  let value = address.trim();
  if (value.startsWith('<') && value.endsWith('>')) value = value.slice(1, -1).trim();
  value = value.replace(/^mailto:/i, '');
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = normalizeDomain(value.slice(at + 1));
  const expected = normalizeDomain(inboundDomain);
  if (expected === '' || domain !== expected) return null;
  const match = TOKEN_LOCAL_PART.exec(value.slice(0, at));
  if (!match) return null;
  const token = match[1];
  return token.length >= REPLY_TOKEN_MIN_LENGTH && token.length <= REPLY_TOKEN_MAX_LENGTH ? token : null;
}

function normalizeDomain(domain: string): string {
  return domain.trim().replace(/\.$/, '').toLowerCase();
}
