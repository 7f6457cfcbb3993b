/** Every failure of an API call is an ApiError carrying the API's { statusCode, code, message, details }. */

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** The API's request id (also its X-Request-Id header and log lines), for a bug report. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation failures name their fields: `{ details: { fields: [{ field, problems }] } }`. */
  get fields(): FieldProblem[] {
    const fields = this.details?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldProblem =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as FieldProblem).field === 'string' &&
        Array.isArray((f as FieldProblem).problems),
    );
  }

  problemsFor(field: string): string[] {
    return this.fields.filter((f) => f.field === field).flatMap((f) => f.problems);
  }
}

export const networkError = (): ApiError =>
  new ApiError(0, 'NETWORK', 'Hearth could not be reached. Check your connection and try again.');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's JSON error body as an ApiError; anything else (a proxy's HTML page) by its status alone. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(
      typeof body.statusCode === 'number' ? body.statusCode : status,
      body.code,
      body.message,
      isRecord(body.details) ? body.details : undefined,
      typeof body.requestId === 'string' ? body.requestId : undefined,
    );
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status}`);
}
