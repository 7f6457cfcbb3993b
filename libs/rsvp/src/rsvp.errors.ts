import { DomainError } from '@app/core';

export const RSVP_ERROR_CODES = [
  'EVENT_FULL',
  'EVENT_NOT_OPEN',
  'RSVP_NOT_OPEN',
  'RSVP_CLOSED',
  'MEMBERSHIP_REQUIRED',
  'TOO_MANY_GUESTS',
  'MODE_REQUIRED',
  'ANSWERS_REQUIRED',
  'COC_ACK_REQUIRED',
  'RSVP_NOT_FOUND',
  'RSVP_TRANSITION_INVALID',
] as const;
export type RsvpErrorCode = (typeof RSVP_ERROR_CODES)[number];

export const rsvpError = (
  code: RsvpErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<RsvpErrorCode> => new DomainError(code, message, details);
