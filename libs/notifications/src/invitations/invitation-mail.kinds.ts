export const INVITATION_MAIL_KINDS = [
  'invitation',
  'update',
  'cancellation',
  'removed',
  'waitlisted',
  'pending',
  'maybe',
  'confirmed',
  'reminder',
] as const;
export type InvitationMailKind = (typeof INVITATION_MAIL_KINDS)[number];

/** What a material change touched, named in the update mail. */
export type EventChange = 'time' | 'place' | 'join-link';
export type ReminderLead = '24h' | '1h';
