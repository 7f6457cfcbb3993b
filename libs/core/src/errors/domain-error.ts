/**
 * What services throw. The code is stable and machine-readable (e.g. `EVENT_FULL`); the API maps it
 * to an HTTP status through one exhaustive table in apps/api. `details` must never carry secrets.
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes every context may use. */
export const CORE_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export const notFound = (what: string): DomainError<CoreErrorCode> =>
  new DomainError('NOT_FOUND', `${what} not found`);

/** PostgreSQL unique_violation, for turning a lost insert race into a domain error. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return violation(error, '23505', constraint);
}

/**
 * PostgreSQL foreign_key_violation: a row written refers to one deleted meanwhile (an answer sent
 * while the account or the event was being deleted).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return violation(error, '23503');
}

/**
 * PostgreSQL deadlock_detected or serialization_failure: the transaction lost to another one and
 * nothing of it was kept, so the whole attempt can be run again.
 */
export function isRetryableTransactionFailure(error: unknown): boolean {
  return violation(error, '40P01') || violation(error, '40001');
}

function violation(error: unknown, sqlState: string, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === sqlState && (constraint === undefined || name === constraint);
}
