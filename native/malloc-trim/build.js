'use strict';
// Builds the addon with the node-gyp npm runs install scripts with, against the headers of the Node
// running it when they are beside it (node-gyp would otherwise download them, and only the npm
// registry is reachable from CI). A machine without a C compiler (or without glibc) still installs
// Hearth: the server then runs without trimming (index.js).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const nodeGyp = process.env.npm_config_node_gyp;
const [command, args] = nodeGyp ? [process.execPath, [nodeGyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const ownHeaders = join(process.execPath, '..', '..');
if (existsSync(join(ownHeaders, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${ownHeaders}`);
const result = spawnSync(command, args, { cwd: __dirname, stdio: 'inherit' });
if (result.status !== 0) {
  console.warn(
    'hearth-malloc-trim: the addon did not build (no C compiler?); Hearth runs without giving freed C heap back after bursts.',
  );
}
