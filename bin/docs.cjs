#!/usr/bin/env node
// The bin: load the bundled CLI through V8's code cache, made at build time, so a pre-commit run
// skips compiling the parser it uses. If the cache is missing or was made by another Node, V8
// rejects it and the code compiles as usual.
'use strict';
const { loadCli } = require('./load-cli.cjs');

loadCli()
  .run({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr })
  .then((code) => {
    process.exitCode = code;
  });
