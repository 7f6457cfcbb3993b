import { RsvpStatus } from '@app/core';

/**
 * iTIP methods Hearth sends (RFC 5546). The MIME `text/calendar; method=X` parameter and the body's
 * `METHOD:X` must be equal (RFC 6047 §2.4), so both are written from these constants only.
 */
export const ITIP_METHOD = {
  REQUEST: 'REQUEST',
  CANCEL: 'CANCEL',
} as const;
export type ItipMethod = (typeof ITIP_METHOD)[keyof typeof ITIP_METHOD];

/** Participation states an attendee of a VEVENT can have in Hearth's messages (RFC 5545 §3.2.12). */
export const PARTSTATS = ['NEEDS-ACTION', 'ACCEPTED', 'TENTATIVE', 'DECLINED'] as const;
export type Partstat = (typeof PARTSTATS)[number];

/** VEVENT STATUS values (RFC 5545 §3.8.1.11). */
export const EVENT_STATUSES = ['CONFIRMED', 'TENTATIVE', 'CANCELLED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Hearth's RSVP states, as stored by the RSVP module. */
export type RsvpStatusForCalendar = RsvpStatus;

/**
 * The PARTSTAT to write for a recipient's RSVP. Waitlisted and pending people asked to come but hold
 * no seat, so their calendar shows the event as tentative rather than accepted.
 */
export function partstatForRsvp(status: RsvpStatusForCalendar | null | undefined): Partstat {
  switch (status) {
    case 'going':
      return 'ACCEPTED';
    case 'maybe':
    case 'waitlisted':
    case 'pending_approval':
      return 'TENTATIVE';
    case 'declined':
      return 'DECLINED';
    default:
      return 'NEEDS-ACTION';
  }
}
