/** Reading the documents a command was pointed at (IO): expanding directories, decoding bytes. */
import { readdirSync, statSync, existsSync, openSync, fstatSync, readSync, closeSync, constants } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type picomatchType from 'picomatch';
import { requireSync } from '../core/lazy.js';

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

/** The markdown files under `root`, in sorted depth-first order (iterative: any depth). */
function walk(root: string, out: string[]): void {
  const sorted = (dir: string) => readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).map((entry) => ({ dir, entry }))[Symbol.iterator]();
  const stack = [sorted(root)];
  while (stack.length) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const { dir, entry } = next.value;
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name) && !entry.name.startsWith('.')) stack.push(sorted(join(dir, entry.name)));
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
  return dropIgnored([...new Set(files)], config);
}

/** Leave out the files the config's `ignores` globs match (paths relative to the config's folder). */
export function dropIgnored(files: string[], config: ResolvedConfig): string[] {
  const ignored = isIgnored(config);
  return ignored ? files.filter((f) => !ignored(relative(config.root, f).split(sep).join('/'))) : files;
}

/** A test for paths relative to the config's folder, or undefined when nothing is ignored. */
export function isIgnored(config: ResolvedConfig): ((fromRoot: string) => boolean) | undefined {
  if (!config.ignores.length) return undefined;
  // Loaded only when there are globs: the lint path of a pre-commit run does not pay for it.
  const picomatch = requireSync<typeof picomatchType>('picomatch');
  return picomatch(config.ignores, { dot: true });
}

export function readSource(path: string, cwd: string, config: ResolvedConfig): SourceFile {
  const display = relative(cwd, path) || path;
  return { path, display: display.split(sep).join('/'), fromRoot: relative(config.root, path).split(sep).join('/'), bytes: readRegularFile(path, MAX_DOCUMENT_BYTES) };
}

/** The largest document trackdocs reads: 16 MiB (docs/README.md, "Limits"). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A file that is not a regular file, or is larger than a limit: not read. */
export class NotReadableError extends Error {
  readonly code = 'not-readable';
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Read a regular file of at most `maxBytes`. Anything else (a directory, a FIFO, a device such as
 * /dev/zero, a socket) or a larger file throws NotReadableError, without reading it: the file is
 * opened non-blocking, so a FIFO with no writer cannot hang the run, and checked with fstat on the
 * descriptor that is read.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : stat.isDirectory() ? 'a directory' : 'not a regular file';
      throw new NotReadableError(`it is ${what}, not a regular file`);
    }
    if (stat.size > maxBytes) throw new NotReadableError(`it is ${mib(stat.size)}, more than the ${mib(maxBytes)} trackdocs reads`);
    // Read what is there, up to one byte past the limit to notice a file that grew meanwhile.
    const buf = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buf.length && (n = readSync(fd, buf, length, buf.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) throw new NotReadableError(`it grew past the ${mib(maxBytes)} trackdocs reads while it was read`);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

