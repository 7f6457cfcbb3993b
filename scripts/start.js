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
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

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
