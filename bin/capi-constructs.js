#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (build/lib/cli/index.js, from `npm run build`) when it exists, else the
// TypeScript source through ts-node (a devDependency, present in a repository checkout).
// CAPI_CONSTRUCTS_FROM_SOURCE=1 forces the source (the tests use it so a stale build never runs).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'build', 'lib', 'cli', 'index.js');
let cli;
if (fs.existsSync(compiled) && !process.env.CAPI_CONSTRUCTS_FROM_SOURCE) {
  cli = require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  cli = require(path.join(root, 'lib', 'cli', 'index.ts'));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`capi-constructs: unexpected error: ${(err && err.stack) || err}\n`);
    process.exitCode = 2;
  },
);
