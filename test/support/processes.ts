import { execFileSync } from 'node:child_process';

/** The PostgreSQL processes (`pid command` lines) running on a data folder's cluster in `<dataDir>/pg`. */
export function postgresProcessesOf(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', `${dataDir}/pg`])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
