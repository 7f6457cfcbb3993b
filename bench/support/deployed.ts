import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './hearth-process';

/** The node flags `npm start` runs the server with (package.json), so it is measured as deployed. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return /^node\s+(.*?)\s*scripts\/start\.js/.exec(pkg.scripts.start)?.[1].split(/\s+/).filter(Boolean) ?? [];
}

/**
 * The environment scripts/start.js gives the server (scripts/process-env.json: glibc's malloc
 * settings), each overridden by the same variable set where the benchmark runs, as start.js does.
 */
export function startEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const deployed = JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'process-env.json'), 'utf8')) as Record<
    string,
    string
  >;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(deployed)) out[name] = env[name] ?? value;
  return out;
}
