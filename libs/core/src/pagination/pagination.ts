import { DomainError } from '../errors/domain-error';
import { isUuid } from '../text/uuid';

/**
 * Keyset position: a timestamp and the row id that breaks ties. `at` is the exact PostgreSQL value as
 * ISO-8601 UTC with microseconds (see CURSOR_AT_SQL): a JS Date keeps only milliseconds, and a cursor
 * rounded to milliseconds would skip or repeat rows created within the same millisecond.
 */
export interface KeysetCursor {
  at: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** SQL that renders a timestamptz column as KeysetCursor.at, whatever the session's TimeZone. */
export const cursorAtSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const AT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}Z$/;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

/** Opaque to clients; anything that is not a cursor we issued is a 400, never a database error. */
export function decodeCursor(raw: string): KeysetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) throw invalidCursor();
  const match = AT.exec(at);
  // The round trip rejects impossible dates such as 2025-02-30 that the pattern alone lets through.
  const millis = match ? new Date(`${match[1]}Z`) : null;
  // PostgreSQL has no year zero, so 0000 would reach the database as an error instead of a 400.
  const valid = match && millis && !Number.isNaN(millis.getTime()) && millis.toISOString() === `${match[1]}Z`;
  if (!valid || at.startsWith('0000')) {
    throw invalidCursor();
  }
  return { at, id: id.toLowerCase() };
}

/** Turns `limit + 1` fetched rows into a page: the extra row only proves a next page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => KeysetCursor,
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}

function invalidCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request is not valid', {
    fields: [{ field: 'cursor', problems: ['cursor is not valid; use the nextCursor of a previous page'] }],
  });
}
