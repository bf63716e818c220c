/** The few git calls trackdocs makes (IO): staged files and their content from the index. */
import { spawnSync } from 'node:child_process';
import { UsageError } from '../core/errors.js';

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

/** Paths (relative to the top level) of files added, copied, modified or renamed in the index. */
export function stagedPaths(top: string): string[] {
  return git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], top)
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
}

/** The staged content of each path, read from the index in one `git cat-file --batch`. */
export function stagedContents(top: string, paths: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (paths.length === 0) return out;
  const buf = git(['cat-file', '--batch'], top, paths.map((p) => `:${p}\n`).join(''));
  let pos = 0;
  for (const path of paths) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    const m = / blob (\d+)$/.exec(header);
    if (!m) throw new Error(`unexpected git cat-file output for ${path}: ${header}`);
    const size = Number(m[1]);
    out.set(path, buf.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return out;
}

/** The directory git runs hooks from (honours core.hooksPath). */
export function hooksDir(top: string): string {
  return git(['rev-parse', '--git-path', 'hooks'], top).toString('utf8').trim();
}
