import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@app/core';

/*
 * The one reply-token module. Each invitation's ORGANIZER is its own reply address,
 * `rsvp+<token>@<inbound domain>` (DESIGN §4); the token is the invitation id's 32 hex digits
 * followed by the first 20 hex digits of HMAC-SHA256(signing secret, `invitation-reply:<id>`):
 * 52 characters, lower-case hex only, because some mail systems fold the case of local parts.
 * `rsvp+` plus 52 stays within the 64-octet local-part limit (RFC 5321 §4.5.3.1.1).
 *
 * Reading is in two steps: extractReplyToken finds a token-shaped local part in an address, and
 * invitationIdFromToken checks the MAC and names the invitation. The first is deliberately looser
 * (any base64url run of 16 to 59 characters, case kept), so that a mangled or forged token is
 * logged as `unknown_token` rather than `no_token`.
 */
const ID_HEX = 32;
const MAC_HEX = 20;

/** Shorter local-part tokens than this are never ours (ours are ID_HEX + MAC_HEX = 52 characters). */
export const REPLY_TOKEN_MIN_LENGTH = 16;
/** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets, and `rsvp+` takes 5 of them. */
export const REPLY_TOKEN_MAX_LENGTH = 59;

const TOKEN_LOCAL_PART = /^rsvp\+([A-Za-z0-9_-]+)$/i;

/** The token in an invitation's reply address: the invitation id plus a truncated HMAC of it. */
export function replyToken(invitationId: string, secret: string): string {
  const id = invitationId.replace(/-/g, '').toLowerCase();
  return `${id}${mac(id, secret)}`;
}

/** The invitation id a token names, if its MAC is right (case-insensitively); null otherwise. */
export function invitationIdFromToken(token: string, secret: string): string | null {
  const t = token.toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${ID_HEX + MAC_HEX}}$`).test(t)) return null;
  const id = t.slice(0, ID_HEX);
  if (!constantTimeEqual(mac(id, secret), t.slice(ID_HEX))) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

export function replyAddress(invitationId: string, secret: string, inboundDomain: string): string {
  return `rsvp+${replyToken(invitationId, secret)}@${inboundDomain}`;
}

/**
 * The token of a reply address `rsvp+<token>@<inbound domain>`, or null. Accepts the bare address,
 * `<address>` or a `mailto:` URI (ORGANIZER values). The domain compares case-insensitively
 * (RFC 5321 §2.4); the token is returned as written. Whether it is valid, and for which invitation,
 * is for invitationIdFromToken to decide.
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

function mac(id: string, secret: string): string {
  return createHmac('sha256', secret).update(`invitation-reply:${id}`).digest('hex').slice(0, MAC_HEX);
}

function normalizeDomain(domain: string): string {
  return domain.trim().replace(/\.$/, '').toLowerCase();
}
