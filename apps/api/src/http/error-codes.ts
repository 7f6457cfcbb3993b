import { CoreErrorCode } from '@app/core';
import { CommunityErrorCode } from '@app/community';
import { IdentityErrorCode } from '@app/identity';
import { EventsErrorCode } from '@app/events';
import { RsvpErrorCode } from '@app/rsvp';
import { InboundErrorCode } from '@app/inbound';
import { AccountErrorCode } from '@app/account';

export type ErrorCode =
  | CoreErrorCode
  | IdentityErrorCode
  | CommunityErrorCode
  | EventsErrorCode
  | RsvpErrorCode
  | InboundErrorCode
  | AccountErrorCode;

/** Every domain error code and its HTTP status. A code without a row here does not compile. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_CREDENTIALS: 401,
  MAGIC_LINK_INVALID: 400,
  PASSWORD_TOO_WEAK: 422,
  CURRENT_PASSWORD_REQUIRED: 403,
  API_TOKEN_NOT_FOUND: 404,
  GROUP_SLUG_TAKEN: 409,
  LAST_OWNER: 409,
  MEMBERSHIP_NOT_FOUND: 404,
  MEMBER_BANNED: 403,
  ROLE_CHANGE_FORBIDDEN: 403,
  INVITE_INVALID: 404,
  INVITE_EMAIL_MISMATCH: 403,
  EVENT_INVALID: 422,
  EVENT_CANCELLED: 409,
  SERIES_NOT_RECURRING: 422,
  RECURRENCE_INVALID: 422,
  EVENT_FULL: 409,
  EVENT_NOT_OPEN: 409,
  RSVP_NOT_OPEN: 409,
  RSVP_CLOSED: 409,
  MEMBERSHIP_REQUIRED: 403,
  TOO_MANY_GUESTS: 422,
  MODE_REQUIRED: 422,
  ANSWERS_REQUIRED: 422,
  COC_ACK_REQUIRED: 422,
  RSVP_NOT_FOUND: 404,
  RSVP_TRANSITION_INVALID: 409,
  TOPIC_LOCKED: 409,
  REPORT_ALREADY_OPEN: 409,
  REPORT_CLOSED: 409,
  INBOUND_MESSAGE_NOT_FOUND: 404,
  INBOUND_ALREADY_RESOLVED: 409,
  INBOUND_NOT_QUARANTINED: 409,
  INBOUND_NOT_APPLICABLE: 422,
  ACCOUNT_CONFIRMATION_MISMATCH: 422,
  ACCOUNT_IS_INSTANCE_OWNER: 409,
  ACCOUNT_SOLE_GROUP_OWNER: 409,
};

/** Codes for errors that come from the framework rather than a service. */
export const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};
