import { DomainError } from '@app/core';

export const EVENTS_ERROR_CODES = [
  'EVENT_INVALID',
  'EVENT_CANCELLED',
  'SERIES_NOT_RECURRING',
  'RECURRENCE_INVALID',
] as const;
export type EventsErrorCode = (typeof EVENTS_ERROR_CODES)[number];

export const eventsError = (
  code: EventsErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<EventsErrorCode> => new DomainError(code, message, details);
