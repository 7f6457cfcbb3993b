import { DomainError } from '@app/core';

export const NETWORKING_ERROR_CODES = [
  'NETWORKING_NOT_AVAILABLE',
  'NETWORKING_PLAN_TOO_LONG',
  'NETWORKING_NOT_CONFIGURED',
  'NETWORKING_GOING_REQUIRED',
  'NETWORKING_NOT_OPTED_IN',
  'NETWORKING_STATE_INVALID',
  'NETWORKING_NOT_MET',
  'NETWORKING_NOT_OVER',
  'NETWORKING_MOVE_REFUSED',
  'NETWORKING_INTEREST_UNKNOWN',
] as const;
export type NetworkingErrorCode = (typeof NETWORKING_ERROR_CODES)[number];

export const networkingError = (
  code: NetworkingErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<NetworkingErrorCode> => new DomainError(code, message, details);
