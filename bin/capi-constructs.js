#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (build/lib/cli/index.js, from `npm run build`) when it exists, else the
// TypeScript source through ts-node (a devDependency, present in a repository checkout).
// CAPI_CONSTRUCTS_FROM_SOURCE=1 forces the source (the tests use it so a stale build never runs).
// The CLI reports its own errors (exit 2); this only catches a CLI that cannot even load.
const fs = require('fs');
const path = require('path');

function fail(err) {
  const debug = process.argv.includes('--debug');
  process.stderr.write(`capi-constructs: unexpected error: ${(debug && err && err.stack) || (err && err.message) || err}\n${debug ? '' : 'run with --debug for the stack trace\n'}`);
  process.exitCode = 2;
}

// A reader that stops early (`| head`) closes the pipe: the output ends there, the exit code stays.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') fail(err);
});

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'build', 'lib', 'cli', 'index.js');
let cli;
try {
  if (fs.existsSync(compiled) && !process.env.CAPI_CONSTRUCTS_FROM_SOURCE) {
    cli = require(compiled);
  } else {
    require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
    cli = require(path.join(root, 'lib', 'cli', 'index.ts'));
  }
} catch (err) {
  fail(err);
}
if (cli) {
  cli.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, fail);
}
