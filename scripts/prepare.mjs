// `npm install` runs this (the `prepare` script) in a clone of trackdocs: it builds dist/.
//
// The npm tarball ships dist/ prebuilt, so installing trackdocs from npm, or from a packed
// tarball, runs no build. Installing from git does: npm clones the repository and runs `prepare`.
// npm is meant to install the clone's dependencies first, but `npm install -g git+…` runs that
// inner install with the outer global settings, so the build finds no dependencies at all
// (npm/cli#8440). When the build tools are missing here, install them into this folder first,
// as a plain local `npm ci`, then build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const resolvable = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

if (!['esbuild', 'ajv', 'remark-parse'].every(resolvable)) {
  process.stderr.write('trackdocs prepare: the build tools are not installed here; running `npm ci` in this folder first\n');
  // The outer npm's global install settings must not reach this local install.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location|omit|include|production|only)$/i.test(k)));
  const npm = process.env.npm_execpath;
  const args = ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  const r = npm && /\.[cm]?js$/.test(npm) ? spawnSync(process.execPath, [npm, ...args], { cwd: root, env, stdio: ['ignore', 2, 2] }) : spawnSync('npm', args, { cwd: root, env, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write('trackdocs prepare: `npm ci` failed; cannot build trackdocs from this clone\n');
    process.exit(1);
  }
}

// pre-commit runs `npm install` then `npm pack`, and each runs prepare: build once, not twice.
const newest = (path) => (statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f)))) : statSync(path).mtimeMs);
const outputs = ['cli.cjs', 'more.cjs', 'merge.cjs', 'cli.v8cache', 'more.v8cache', 'merge.v8cache'].map((f) => join(root, 'dist', f));
if (outputs.every((f) => existsSync(f))) {
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  if (newest(join(root, 'src')) < built && ['build.mjs', 'package.json', 'package-lock.json', 'schemas', 'bin'].every((f) => newest(join(root, f)) < built)) process.exit(0);
}

const build = spawnSync(process.execPath, [join(root, 'build.mjs')], { cwd: root, stdio: 'inherit' });
process.exit(build.status ?? 1);
