/** Reading the documents a command was pointed at (IO): expanding directories, decoding bytes. */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ResolvedConfig } from '../config/resolve.js';

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user (relative to the working directory). */
  display: string;
  /** Path relative to the config root, for matching `documents` in the config. */
  fromRoot: string;
  bytes: Buffer;
}

/** Walk up from `dir` to the first directory holding one of `names`; the path found. */
export function findUp(dir: string, names: string[]): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const n of names) if (existsSync(join(d, n))) return join(d, n);
    if (dirname(d) === d) return undefined;
  }
}

export const markdownExtensions = /\.(?:md|markdown|mdown|mkd)$/i;
const skippedDirs = new Set(['node_modules', '.git', 'dist', 'coverage', '.venv', 'venv', '__pycache__']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), out);
    } else if (markdownExtensions.test(entry.name)) out.push(join(dir, entry.name));
  }
}

/** The default documents when no path is given: the config's, else the conventional names. */
export function defaultTargets(config: ResolvedConfig): string[] {
  const listed = Object.keys(config.documents).map((p) => resolve(config.root, p));
  if (listed.length) return listed;
  return ['docs/status-tracker.md', 'status-tracker.md', 'TODO.md', 'ROADMAP.md'].map((p) => resolve(config.root, p)).filter((p) => existsSync(p));
}

/** Expand the paths a user gave into markdown files, sorted, each once. */
export function expandTargets(args: string[], cwd: string, config: ResolvedConfig): string[] {
  const files: string[] = [];
  const targets = args.length ? args.map((a) => resolve(cwd, a)) : defaultTargets(config);
  if (targets.length === 0) {
    throw new UsageError('no documents to check: pass paths (files or directories), list them under `documents` in docs.config.yaml, or run `trackdocs init`');
  }
  for (const target of targets) {
    let stat;
    try {
      stat = statSync(target);
    } catch {
      throw new UsageError(`no such file or directory: ${relative(cwd, target) || target}`);
    }
    if (stat.isDirectory()) walk(target, files);
    else files.push(target);
  }
  return [...new Set(files)];
}

export function readSource(path: string, cwd: string, config: ResolvedConfig): SourceFile {
  const display = relative(cwd, path) || path;
  return { path, display: display.split(sep).join('/'), fromRoot: relative(config.root, path).split(sep).join('/'), bytes: readFileSync(path) };
}

