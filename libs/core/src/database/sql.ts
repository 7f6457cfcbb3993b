import { DataSource, EntityManager } from 'typeorm';

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
