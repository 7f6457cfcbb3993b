import { DomainError } from '@app/core';

export const COMMUNITY_ERROR_CODES = [
  'GROUP_SLUG_TAKEN',
  'LAST_OWNER',
  'MEMBERSHIP_NOT_FOUND',
  'MEMBER_BANNED',
  'ROLE_CHANGE_FORBIDDEN',
  'INVITE_INVALID',
  'INVITE_EMAIL_MISMATCH',
  'TOPIC_LOCKED',
  'REPORT_ALREADY_OPEN',
  'REPORT_CLOSED',
] as const;
export type CommunityErrorCode = (typeof COMMUNITY_ERROR_CODES)[number];

export const communityError = (code: CommunityErrorCode, message: string): DomainError<CommunityErrorCode> =>
  new DomainError(code, message);
