import { DomainError } from '@app/core';

export const IDENTITY_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'MAGIC_LINK_INVALID',
  'PASSWORD_TOO_WEAK',
  'CURRENT_PASSWORD_REQUIRED',
  'API_TOKEN_NOT_FOUND',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export const identityError = (code: IdentityErrorCode, message: string): DomainError<IdentityErrorCode> =>
  new DomainError(code, message);
