import type { RsvpStatus } from '../../api';

export const EVENT_STATUS_TONE: Record<string, string> = {
  draft: 'queued',
  scheduled: 'active',
  cancelled: 'banned',
};

export const RSVP_TONE: Record<RsvpStatus, string> = {
  going: 'active',
  maybe: 'queued',
  declined: 'private',
  waitlisted: 'pending',
  pending_approval: 'pending',
};
