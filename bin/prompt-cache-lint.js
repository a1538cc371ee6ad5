#!/usr/bin/env node
'use strict';
// The CLI is compiled to out/ by `npm run build` (run by `npm ci` through the prepare script).
const { main } = require('../out/src/cli/main.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`prompt-cache-lint: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
