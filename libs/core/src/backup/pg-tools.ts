import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgTool {
  path: string;
  major: number;
}

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15; older "9.6.24" → 9. */
export function parsePgToolMajor(versionOutput: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return null;
  return Number(match[1]);
}

/**
 * The client program to use against a server of `serverMajor`: the newest one found, if it is at
 * least the server's version — pg_dump refuses servers newer than itself, and reads older ones.
 */
export function chooseTool(found: PgTool[], serverMajor: number): PgTool | null {
  const newest = [...found].sort((a, b) => b.major - a.major)[0];
  return newest && newest.major >= serverMajor ? newest : null;
}

/** Every `name` on PATH and in Debian's per-version folders, with its major version. */
export async function findPgTools(name: 'pg_dump' | 'pg_restore', path: string): Promise<PgTool[]> {
  const dirs = path.split(delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) for (const v of readdirSync(debian)) dirs.push(join(debian, v, 'bin'));
  const seen = new Set<string>();
  const tools: PgTool[] = [];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (seen.has(candidate) || !existsSync(candidate)) continue;
    seen.add(candidate);
    try {
      const { stdout } = await run(candidate, ['--version']);
      const major = parsePgToolMajor(stdout);
      if (major !== null) tools.push({ path: candidate, major });
    } catch {
      // not runnable (a broken wrapper): not a candidate
    }
  }
  return tools;
}
