'use strict';
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'cli.v8cache');

/** Compile and run dist/cli.cjs with the code cache; returns its exports and the script. */
function loadCli(options = {}) {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    process.stderr.write('trackdocs: dist/cli.cjs is missing; run `npm run build` (or `npm ci`, which builds) in the trackdocs folder.\n');
    process.exit(2);
  }
  let cachedData;
  if (!options.noCache) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      /* no cache: compile normally */
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const mod = { exports: {} };
  const localRequire = require('node:module').createRequire(bundle);
  script.runInThisContext()(mod.exports, localRequire, mod, bundle, path.dirname(bundle));
  mod.exports.script = script;
  return mod.exports;
}

module.exports = { loadCli, cacheFile };
