import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DATABASE_READ_RETRY_DELAY_MS, databaseUnavailable } from './unavailable';

type Queryable = DataSource | EntityManager;

// TypeORM's postgres driver answers UPDATE and DELETE with [rows, rowCount] and everything else with
// rows; these two helpers hide that difference so services can use RETURNING uniformly.
function split(result: unknown): { rows: unknown[]; count: number } {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return { rows: result[0] as unknown[], count: result[1] };
  }
  const rows = Array.isArray(result) ? (result as unknown[]) : [];
  return { rows, count: rows.length };
}

/** Rows of any statement, including UPDATE/DELETE … RETURNING. */
export async function queryRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return split(await db.query(sql, params)).rows as T[];
}

/** How many rows an UPDATE or DELETE touched. */
export async function execute(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return split(await db.query(sql, params)).count;
}

/**
 * Rows of a read that runs on nearly every request (the session lookup), as a named prepared
 * statement on the pool: each connection has PostgreSQL parse and plan it once, not on every call.
 * Outside any transaction; `name` must be unique to `text`. Being a lone read, it is tried once more
 * on a fresh connection when its connection died (see databaseUnavailable): it runs in the auth
 * guard of every request, before the GET retry in the API could cover it.
 */
export async function preparedRows<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const run = (): Promise<T[]> => preparedStatement<T>(dataSource, name, text, values);
  try {
    return await run();
  } catch (error) {
    if (!databaseUnavailable(error)?.transient) throw error;
    await new Promise((resolve) => setTimeout(resolve, DATABASE_READ_RETRY_DELAY_MS));
    return run();
  }
}

/**
 * Rows of one statement run on its own — its own transaction, committed (or rolled back) before it
 * answers — as a named prepared statement on the pool (`name` unique to `text`). Not retried: it may
 * write (see preparedRows for lone reads).
 */
export async function preparedStatement<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  // TypeORM's PostgresDriver keeps its pg Pool as `master`; TypeORM's own query() has no way to name a statement.
  const pool = (dataSource.driver as unknown as { master: import('pg').Pool }).master;
  return (await pool.query<T & import('pg').QueryResultRow>({ name, text, values })).rows;
}

// SQL text → statement name. Bounded: texts that vary with filters are a handful of shapes, but a
// caller building text from unbounded input would otherwise grow it forever.
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 1000;

/** `hearth_` + a digest of the text: the same text always gets the same name, different texts different names. */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `hearth_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size >= MAX_STATEMENT_NAMES) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Rows of a hot read (the public listing, an event page) as a named prepared statement whose name
 * comes from its text (statementName): each pooled connection parses and plans each distinct text
 * once, so a query whose text varies with its filters gets one statement per shape. Outside any
 * transaction, like preparedRows.
 */
export function preparedQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  return preparedRows<T>(dataSource, statementName(text), text, values);
}
