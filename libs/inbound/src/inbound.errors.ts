import { DomainError } from '@app/core';

export const INBOUND_ERROR_CODES = [
  'INBOUND_MESSAGE_NOT_FOUND',
  /** Someone already applied or dismissed this quarantined reply. */
  'INBOUND_ALREADY_RESOLVED',
  /** Only quarantined replies can be applied or dismissed. */
  'INBOUND_NOT_QUARANTINED',
  /** The quarantined message carries no answer that can be applied to one invited person. */
  'INBOUND_NOT_APPLICABLE',
] as const;
export type InboundErrorCode = (typeof INBOUND_ERROR_CODES)[number];

export const inboundError = (
  code: InboundErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<InboundErrorCode> => new DomainError(code, message, details);
