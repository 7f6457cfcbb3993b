/**
 * The RSVP vocabulary, defined once. It lives in core because libs below rsvp speak it too: calendar
 * (PARTSTAT for a status), events (the viewer's status, one-click links), the mail templates and the
 * inbound replies. The rsvp lib owns what the states mean; this only names them.
 */

/** What a person can answer, through any channel (web, one-click link, calendar reply, organizer). */
export const RSVP_ANSWERS = ['going', 'maybe', 'declined'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** Every state an RSVP can be in: an answer, or where capacity and approval put a "going". */
export const RSVP_STATUSES = [...RSVP_ANSWERS, 'waitlisted', 'pending_approval'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];
