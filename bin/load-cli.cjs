'use strict';
// Loads trackdocs' bundles through V8's code cache, made at build time, so a pre-commit run skips
// compiling the parser it uses. dist/cli.cjs holds lint and export, the pre-commit path;
// dist/more.cjs holds the other commands and is loaded only when one of them runs; dist/merge.cjs
// holds `trackdocs merge` alone (git's merge driver), which bin/docs.cjs loads instead of cli.cjs. A cache made by
// another Node is rejected by V8 and the code compiles as usual.
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const cacheFile = (name) => path.join(dist, `${name}.v8cache`);
const loaded = new Map();

/** Compile and run dist/<name>.cjs with its code cache; returns its exports (and `script`). */
function loadBundle(name, options = {}) {
  if (loaded.has(name)) return loaded.get(name);
  const file = path.join(dist, `${name}.cjs`);
  let source;
  try {
    // The bundles are ASCII (build.mjs makes sure), so Latin-1 reads them without UTF-8 decoding.
    source = fs.readFileSync(file, 'latin1');
  } catch {
    process.stderr.write(`trackdocs: dist/${name}.cjs is missing; run \`npm run build\` (or \`npm ci\`, which builds) in the trackdocs folder.\n`);
    process.exit(2);
  }
  let cachedData;
  if (!options.noCache) {
    try {
      cachedData = fs.readFileSync(cacheFile(name));
    } catch {
      /* no cache: compile normally */
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __trackdocsBundle) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require('node:module').createRequire(file), mod, file, dist, (other) => loadBundle(other, options));
  mod.exports.script = script;
  loaded.set(name, mod.exports);
  return mod.exports;
}

const loadCli = (options) => loadBundle('cli', options);

module.exports = { loadCli, loadBundle, cacheFile };
