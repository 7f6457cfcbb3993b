import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@app/core';

// Lower-case hex only: some mail systems fold the case of local parts, and the address
// rsvp+<token>@domain must stay within the 64-octet local-part limit (5 + 52 here).
const ID_HEX = 32;
const MAC_HEX = 20;

/** The token in an invitation's reply address: the invitation id plus a truncated HMAC of it. */
export function replyToken(invitationId: string, secret: string): string {
  const id = invitationId.replace(/-/g, '').toLowerCase();
  return `${id}${mac(id, secret)}`;
}

/** The invitation id a token names, if its MAC is right; null otherwise. */
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

function mac(id: string, secret: string): string {
  return createHmac('sha256', secret).update(`invitation-reply:${id}`).digest('hex').slice(0, MAC_HEX);
}
