#!/usr/bin/env node
// The bin: load the bundled CLI through V8's code cache, made at build time, so a pre-commit run
// skips compiling the parser it uses. If the cache is missing or was made by another Node, V8
// rejects it and the code compiles as usual.
'use strict';
const { loadCli, loadBundle } = require('./load-cli.cjs');

// A reader that stops early (`trackdocs init | head -3`) closes the pipe: the rest of the output
// has nowhere to go, which is no error of the command's. Drop it and end with the command's code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.destroy();
  });
}

// `trackdocs merge`, which git runs once per conflicted document, loads its own small bundle.
const argv = process.argv.slice(2);
const mergeOnly = argv[0] === 'merge' && !argv.some((a) => a === '--help' || a === '-h' || a === '--no-color');
(mergeOnly ? { run: (ctx) => loadBundle('merge').run({ ...ctx, argv: argv.slice(1) }) } : loadCli())
  .run({ argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr })
  .then((code) => {
    // The command is done. Once its output is out (writes to files, terminals and pipes are
    // synchronous on Linux; a pipe on macOS may still be draining), exit at once rather than wait
    // for Node to tear the heap down: about 14 ms of a 200 ms pre-commit run.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    process.exitCode = code;
  });
