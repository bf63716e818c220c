/** The few git calls trackdocs makes (IO): the top level, staged files and their content, the hooks directory. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { findUp } from './files.js';

function git(args: string[], cwd: string, input?: string): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) throw new UsageError(`git could not be run (${(r.error as NodeJS.ErrnoException).code}); --staged needs git on PATH`);
  if (r.status !== 0) throw new UsageError(`git ${args[0]} failed: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

/** The repository's top-level directory, or a usage error outside a repository. */
export function gitTopLevel(cwd: string): string {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd });
  if (r.error || r.status !== 0) throw new UsageError('not inside a git repository: --staged and hooks need one');
  return r.stdout.toString().trim();
}

/**
 * The top level without running git: the directory of the nearest `.git` (a directory, or the file
 * of a worktree or submodule). git is asked only when GIT_DIR or GIT_WORK_TREE point elsewhere or
 * there is no `.git` above `cwd`.
 */
function topLevel(cwd: string): string {
  const dotGit = process.env.GIT_DIR || process.env.GIT_WORK_TREE ? undefined : findUp(cwd, ['.git']);
  return dotGit ? dirname(dotGit) : gitTopLevel(cwd);
}

export interface StagedFile {
  /** Relative to the top level, with `/`. */
  path: string;
  content: Buffer;
}

/**
 * The top level, and the staged content of the files added, copied, modified or renamed in the
 * index whose path (relative to the top level) passes `wanted`. One `git diff --cached --raw`
 * names them with their blob ids; a file whose working-tree bytes hash to its staged blob (the
 * usual case before a commit) is read from disk, and only the others are read from the index, in
 * one `git cat-file --batch`.
 */
export function stagedFiles(cwd: string, wanted: (path: string, top: string) => boolean): { top: string; files: StagedFile[] } {
  const top = topLevel(cwd);
  const raw = git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--diff-filter=ACMR'], top).toString('utf8').split('\0');
  const entries: { path: string; blob: string }[] = [];
  for (let i = 0; i < raw.length - 1; ) {
    // `:old-mode new-mode old-blob new-blob status`, then the path; renames and copies name two paths.
    const fields = raw[i]!.split(' ');
    const twoPaths = /^[RC]/.test(fields[4] ?? '');
    const path = raw[i + (twoPaths ? 2 : 1)]!;
    if (wanted(path, top)) entries.push({ path, blob: fields[3]! });
    i += twoPaths ? 3 : 2;
  }
  const files: StagedFile[] = [];
  const fromIndex: { path: string; blob: string; at: number }[] = [];
  for (const e of entries) {
    const onDisk = readIfBlob(join(top, e.path), e.blob);
    if (onDisk) files.push({ path: e.path, content: onDisk });
    else fromIndex.push({ ...e, at: files.push({ path: e.path, content: Buffer.alloc(0) }) - 1 });
  }
  if (fromIndex.length) {
    const buf = git(['cat-file', '--batch'], top, fromIndex.map((e) => `${e.blob}\n`).join(''));
    let pos = 0;
    for (const e of fromIndex) {
      const nl = buf.indexOf(10, pos);
      const header = buf.subarray(pos, nl).toString('utf8');
      const m = / blob (\d+)$/.exec(header);
      if (!m) throw new Error(`unexpected git cat-file output for ${e.path}: ${header}`);
      const size = Number(m[1]);
      files[e.at]!.content = buf.subarray(nl + 1, nl + 1 + size);
      pos = nl + 1 + size + 1;
    }
  }
  return { top, files };
}

/** The file's bytes if they are the blob `id` (git's object hash: SHA-1, or SHA-256 repositories). */
function readIfBlob(path: string, id: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const hash = createHash(id.length === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  return hash === id ? bytes : undefined;
}

/** The directory git runs hooks from (honours core.hooksPath). */
export function hooksDir(top: string): string {
  return git(['rev-parse', '--git-path', 'hooks'], top).toString('utf8').trim();
}

/** The repository's common git directory (shared by its worktrees), absolute. */
export function gitCommonDir(top: string): string {
  const dir = git(['rev-parse', '--path-format=absolute', '--git-common-dir'], top).toString('utf8').trim();
  return dir;
}

/** Where a config key is set: its value and scope (`local`, `worktree`, `global`, `system`, `command`), or undefined when unset. */
export function gitConfigOrigin(top: string, key: string): { value: string; scope: string; origin: string } | undefined {
  const r = spawnSync('git', ['config', '--show-scope', '--show-origin', '--get', key], { cwd: top });
  if (r.error || r.status !== 0) return undefined;
  const line = r.stdout.toString('utf8').replace(/\n$/, '');
  const m = /^(\S+)\t(\S+)\t(.*)$/s.exec(line);
  return m ? { scope: m[1]!, origin: m[2]!, value: m[3]! } : undefined;
}

/** Whether `path` (relative to the top level) is tracked in the index. */
export function isTracked(top: string, path: string): boolean {
  const r = spawnSync('git', ['ls-files', '--error-unmatch', '--', path], { cwd: top });
  return r.status === 0;
}

/** Whether any file under `dir` (relative to the top level) is tracked. */
export function hasTrackedFiles(top: string, dir: string): boolean {
  const r = spawnSync('git', ['ls-files', '--', dir], { cwd: top });
  return r.status === 0 && r.stdout.length > 0;
}
