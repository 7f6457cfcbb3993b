import { DomainError } from '@app/core';
import { EVENT_TIME_PROBLEM_CODES } from '@app/scheduling';

export const EVENTS_ERROR_CODES = [
  'EVENT_INVALID',
  'EVENT_CANCELLED',
  'SERIES_NOT_RECURRING',
  'RECURRENCE_INVALID',
  'AUDIENCE_INVALID',
  'LISTING_FILTER_INVALID',
  ...EVENT_TIME_PROBLEM_CODES,
  'EVENT_TIME_NONEXISTENT',
  'EVENT_TIME_AMBIGUOUS',
] as const;
export type EventsErrorCode = (typeof EVENTS_ERROR_CODES)[number];

export const eventsError = (
  code: EventsErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<EventsErrorCode> => new DomainError(code, message, details);
