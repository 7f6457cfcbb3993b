import { InvitationMailKind } from './invitation-mail.kinds';

export interface ListUnsubscribeHeaders {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
}

/**
 * One-click unsubscribe headers (RFC 8058) for non-essential mail. The URL must be HTTPS and take a
 * POST without cookies; the headers must be covered by the DKIM signature to count.
 */
export function listUnsubscribeHeaders(url: string): ListUnsubscribeHeaders {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('unsubscribe URL is not an absolute URL');
  }
  if (parsed.protocol !== 'https:') throw new Error('unsubscribe URL must be https (RFC 8058 §3.1)');
  return { 'List-Unsubscribe': `<${parsed.href}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * Mails a member can opt out of: invitations fanned out to a topic's followers and reminders.
 * Updates, cancellations and seat changes keep calendars and commitments right, so they always go.
 */
export function isNonEssentialMail(kind: InvitationMailKind): boolean {
  return kind === 'invitation' || kind === 'reminder';
}
