import { DomainError } from '@app/core';

export const ACCOUNT_ERROR_CODES = [
  'ACCOUNT_CONFIRMATION_MISMATCH',
  'ACCOUNT_IS_INSTANCE_OWNER',
  'ACCOUNT_SOLE_GROUP_OWNER',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

export const accountError = (
  code: AccountErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<AccountErrorCode> => new DomainError(code, message, details);
