/**
 * Whether an error means "PostgreSQL cannot be reached right now" rather than "this query is wrong":
 * the one place that decides it, for the API's 503 answer, the GET retry and the readiness probe.
 * Such errors come from three layers: the socket (ECONNREFUSED…), node-postgres and its pool (messages
 * without a code), and the server itself (SQLSTATE class 08, or 57P01–57P03 when a backend is
 * terminated, the server crashes, or it is starting or stopping). TypeORM wraps the last ones in a
 * QueryFailedError that keeps the code; AggregateError and `cause` chains are followed too.
 */
export interface DatabaseUnavailable {
  /** A short fixed phrase, safe to show and log: never the driver's message, which can name users or hosts. */
  reason: string;
  /**
   * Worth one quick retry of a read: the connection died or was refused and a fresh one may work.
   * Timeouts are not (a retry would double an already long wait), nor is a full server.
   */
  transient: boolean;
}

/** What a 503 for an unreachable database asks clients to wait, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Before retrying a read whose connection died: long enough for the pool to drop its dead peers. */
export const DATABASE_READ_RETRY_DELAY_MS = 100;

const SOCKET_CODES: Record<string, DatabaseUnavailable> = {
  ECONNREFUSED: { reason: 'connection refused', transient: true },
  ECONNRESET: { reason: 'connection reset', transient: true },
  EPIPE: { reason: 'connection reset', transient: true },
  ECONNABORTED: { reason: 'connection reset', transient: true },
  ETIMEDOUT: { reason: 'connection timed out', transient: false },
  EHOSTUNREACH: { reason: 'host unreachable', transient: false },
  EHOSTDOWN: { reason: 'host unreachable', transient: false },
  ENETUNREACH: { reason: 'network unreachable', transient: false },
  ENETDOWN: { reason: 'network unreachable', transient: false },
  ENOTFOUND: { reason: 'host not found', transient: false },
  EAI_AGAIN: { reason: 'host not found', transient: false },
};

const SQLSTATES: Record<string, DatabaseUnavailable> = {
  '57P01': { reason: 'connection terminated by the server', transient: true },
  '57P02': { reason: 'server crashed', transient: true },
  '57P03': { reason: 'server starting up or shutting down', transient: true },
  '53300': { reason: 'too many connections', transient: false },
};

// node-postgres and pg-pool report these without any code.
const MESSAGES: Array<[RegExp, DatabaseUnavailable]> = [
  [/timeout exceeded when trying to connect/i, { reason: 'connection timed out', transient: false }],
  [/Connection terminated due to connection timeout/i, { reason: 'connection timed out', transient: false }],
  [/Connection terminated/i, { reason: 'connection lost', transient: true }],
  [/is not queryable/i, { reason: 'connection lost', transient: true }],
  [/the database system is (starting up|shutting down|in recovery mode)/i, SQLSTATES['57P03']],
];

export function databaseUnavailable(error: unknown): DatabaseUnavailable | null {
  return inspect(error, 0, new Set());
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailable(error) !== null;
}

function inspect(error: unknown, depth: number, seen: Set<unknown>): DatabaseUnavailable | null {
  if (typeof error !== 'object' || error === null || depth > 4 || seen.has(error)) return null;
  seen.add(error);
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string') {
    const known = SOCKET_CODES[e.code] ?? SQLSTATES[e.code];
    if (known) return known;
    // SQLSTATE class 08: connection exception (the connection failed or was lost).
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return { reason: 'connection failure', transient: true };
  }
  const nested: unknown[] = Array.isArray(e.errors) ? (e.errors as unknown[]) : [];
  for (const next of [e.driverError, e.cause, ...nested]) {
    const found = inspect(next, depth + 1, seen);
    if (found) return found;
  }
  // A coded error (a constraint violation quoting some text, say) is never judged by its message.
  if (typeof e.message === 'string' && typeof e.code !== 'string') {
    for (const [pattern, verdict] of MESSAGES) if (pattern.test(e.message)) return verdict;
  }
  return null;
}
