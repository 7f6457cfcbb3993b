import { RenderedMail, renderHtml, toLocale } from '@app/mail';
import { EventEntity } from '../events/event.entity';

export const INVITATION_MAIL_KINDS = [
  'invite',
  'update',
  'cancel',
  'removed',
  'waitlisted',
  'pending',
  'confirmed',
  'declined',
  'reminder',
] as const;
export type InvitationMailKind = (typeof INVITATION_MAIL_KINDS)[number];

export interface InvitationMailInput {
  kind: InvitationMailKind;
  event: EventEntity;
  groupName: string;
  recipient: { displayName: string; locale: string; timezone: string };
  /** Venue and join link are passed only when this recipient may see them. */
  location: { venueName: string | null; venueAddress: string | null; joinUrl: string | null } | null;
  links: { event: string; going: string; maybe: string; decline: string };
}

const SUBJECT: Record<InvitationMailKind, string> = {
  invite: 'Invitation',
  update: 'Updated',
  cancel: 'Cancelled',
  removed: 'You are no longer attending',
  waitlisted: 'You are on the waitlist',
  pending: 'Waiting for approval',
  confirmed: "You're going",
  declined: 'Not going',
  reminder: 'Reminder',
};

/**
 * The notification text for an invitation lifecycle message. The calendar (iTIP) part is added by
 * the invitations service; this is the human-readable body.
 */
export function renderInvitationNotice(input: InvitationMailInput): RenderedMail {
  const locale = toLocale(input.recipient.locale);
  const when = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: input.recipient.timezone,
  }).format(input.event.startsAt);
  const subject = `${SUBJECT[input.kind]}: ${input.event.title} (${input.groupName})`;
  const lines = [`${input.event.title} — ${input.groupName}`, when];
  if (input.location?.venueName) lines.push(input.location.venueName);
  if (input.location?.venueAddress) lines.push(input.location.venueAddress);
  if (input.location?.joinUrl) lines.push(input.location.joinUrl);
  const answer =
    input.kind === 'cancel' || input.kind === 'removed'
      ? []
      : [`Going: ${input.links.going}`, `Maybe: ${input.links.maybe}`, `Can't go: ${input.links.decline}`];
  const text = [...lines, '', ...answer, '', input.links.event, ''].join('\n');
  return {
    subject,
    text,
    html: renderHtml(locale, subject, {
      paragraphs: [...lines, ...answer],
      action: { label: 'Open the event', url: input.links.event },
    }),
  };
}
