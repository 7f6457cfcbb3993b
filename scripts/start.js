#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, then run Hearth (api + worker in one
// process, on an embedded PostgreSQL unless DATABASE_URL is set).
// The npm script runs it with `--max-semi-space-size=4` (MiB): V8 otherwise lets the young generation grow
// to 32 MiB per semi-space, which stays resident after the first burst of requests (DESIGN §7: < 120 MiB
// idle). `--heap-growing-percent=50`: after each full collection V8 lets the old generation grow to
// 1.5x what survived, not up to 4x as it does on a machine with plenty of memory (a burst of requests
// took an api process from ~55 MiB live to 230 MiB of heap; DESIGN §7: < 300 MiB peak).
// `--expose-gc` lets the server give memory back once start-up is done and whenever a burst of
// requests is over (apps/api/src/http/idle-reclaim.ts). V8 reads its flags when the process starts, so
// they cannot be set from here; bench/http starts the server with the flags of the npm script.
// scripts/process-env.json holds the environment it runs with: MALLOC_ARENA_MAX=2, because glibc gives
// each thread that allocates (V8's workers, libuv's pool) an arena of its own, up to 8 per core, and the
// memory freed in each stays with it (~3 MiB more at idle without it). glibc reads it when the process
// starts, so the script replaces itself (same pid, flags and arguments) with one that has it, where Node
// can (process.execve, Linux, Node >= 22.15); a variable already set is left as it is.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const processEnv = require('./process-env.json');
const missing = Object.keys(processEnv).filter((name) => process.env[name] === undefined);
if (missing.length > 0 && process.platform === 'linux' && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    ...processEnv,
    ...process.env,
  });
}

const root = join(__dirname, '..');
const entry = join(root, 'dist/apps/api/src/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (name.name === 'node_modules' || name.name === 'dist' || name.name.startsWith('.')) continue;
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|html|json)$/.test(name.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(...['apps', 'libs', 'migrations'].map((d) => newestSource(join(root, d))));
if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
  process.stdout.write('Building Hearth…\n');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}

require(entry)
  .runFromProcess()
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
