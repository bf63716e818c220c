/**
 * `trackdocs merge-driver install|uninstall`: tell git to merge the tracking documents with
 * `trackdocs merge`. Two things are written: a marked block of `.gitattributes` lines (one per
 * document, `merge=trackdocs`), and the `merge.trackdocs` driver in the repository's git config.
 * uninstall removes exactly those and keeps everything else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { guardedWrite } from '../io/guarded-write.js';
import { gitTopLevel } from '../io/git.js';
import { defaultTargets } from '../io/files.js';
import { packageRoot } from '../io/package-root.js';
import { parseCommand, subcommand } from './options.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs merge-driver install [PATHS…] [--dry-run] | uninstall [--dry-run]

install    make git merge the tracking documents with \`trackdocs merge\` (rows by key and cell,
           tasks by text, Recent Work by date; see docs/merge.md), in \`git merge\`, \`git rebase\`,
           \`git cherry-pick\` and \`git stash pop\`:
           - adds a marked block to .gitattributes: \`/<path> merge=trackdocs\` for each document
             (PATHS if given, else the config's \`documents\`, else the conventional ones that
             exist: docs/status-tracker.md, status-tracker.md, TODO.md, ROADMAP.md); commit it so
             everyone's git knows which files use the driver;
           - sets merge.trackdocs.name and merge.trackdocs.driver in this repository's git config
             (each clone runs install once: git does not share its config).
           Running it again updates both.
uninstall  remove the .gitattributes block and the merge.trackdocs git config, nothing else.

Options:
  --dry-run  print what would be written, write nothing

The driver finds trackdocs when it runs: node_modules/.bin, then PATH, then the copy recorded at
install; when none is there, or trackdocs fails, it merges line by line with \`git merge-file\`
and says so.
GitHub's merge button and other web interfaces do not run merge drivers: see docs/merge.md.`;

const BEGIN = '# trackdocs merge driver (`trackdocs merge-driver uninstall` removes this block)';
const END = '# end of trackdocs merge driver';
export const DRIVER_NAME = 'trackdocs: tracker tables, checklists and dated logs merged by structure';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The driver git runs (`sh -c`), one line. Like the pre-commit hook, it finds trackdocs when it
 * runs: node_modules/.bin (git runs drivers at the top of the work tree), then PATH, then the bin
 * recorded at install (with `node` from PATH, else the Node that installed it). When there is none,
 * or trackdocs fails (exit 2: an IO error, or an old trackdocs without `merge`; OURS is then
 * untouched), it merges with `git merge-file`, so a merge never ends with only our side in the work
 * tree. No `%` in the script: git expands `%` placeholders in the whole line.
 */
export function driverCommand(recordedBin: string, recordedNode: string): string {
  const script = [
    `b=${shellQuote(recordedBin)}`,
    `n=${shellQuote(recordedNode)}`,
    'if [ -x node_modules/.bin/trackdocs ]; then node_modules/.bin/trackdocs merge "$@"',
    'elif command -v trackdocs >/dev/null 2>&1; then trackdocs merge "$@"',
    'elif [ -f "$b" ] && command -v node >/dev/null 2>&1; then node "$b" merge "$@"',
    'elif [ -f "$b" ] && [ -x "$n" ]; then "$n" "$b" merge "$@"',
    'else echo "trackdocs merge driver: trackdocs is not in node_modules/.bin, not on PATH, and $b (recorded at install) is gone. Reinstall trackdocs, then run: trackdocs merge-driver install" >&2; (exit 127); fi',
    's=$?',
    '[ "$s" -le 1 ] && exit "$s"',
    'echo "trackdocs merge driver: merging $4 line by line with git merge-file instead" >&2',
    'exec git merge-file --marker-size="$6" "$2" "$1" "$3"',
  ].join('; ');
  return `sh -c ${shellQuote(script)} trackdocs-merge %O %A %B %P --marker-size %L`;
}

/** A .gitattributes pattern for one path, anchored at the top; quoted when it holds spaces or quotes. */
function attributePattern(path: string): string {
  const p = '/' + path.replace(/[*?[\]!#\\]/g, (c) => '\\' + c);
  return /[\s"]/.test(p) ? `"${p.replace(/["]/g, '\\"')}"` : p;
}

/** The block install writes, with the file's own line ending. */
export function attributesBlock(paths: string[], eol = '\n'): string {
  return [BEGIN, ...paths.map((p) => `${attributePattern(p)} merge=trackdocs`), END].join(eol) + eol;
}

/** The text without our block (and the blank line install put before it), or undefined when it has none. */
function withoutBlock(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  if (start === -1) return undefined;
  const endAt = text.indexOf(END, start);
  if (endAt === -1) return undefined;
  let end = endAt + END.length;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end += 1;
  return text.slice(0, start) + text.slice(end);
}

function git(top: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd: top, encoding: 'utf8' });
  if (r.error) throw new UsageError(`git could not be run (${(r.error as NodeJS.ErrnoException).code}); the merge driver needs git on PATH`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const configGet = (top: string, key: string) => {
  const r = git(top, ['config', '--local', '--get', key]);
  return r.status === 0 ? r.stdout.replace(/\n$/, '') : undefined;
};

export async function run(ctx: CommandContext): Promise<number> {
  const got = subcommand(ctx, help, ['install', 'uninstall']);
  if (typeof got === 'number') return got;
  const { action, rest } = got;
  const parsed = parseCommand({ ...ctx, argv: rest }, help, { 'dry-run': { type: 'boolean' } });
  if (!parsed) return 0;
  if (action === 'uninstall' && parsed.positionals.length) throw new UsageError(`unexpected ${parsed.positionals.join(' ')}`);
  const top = gitTopLevel(ctx.cwd);
  const dryRun = parsed.values['dry-run'] ?? false;
  const file = join(top, '.gitattributes');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const show = relative(ctx.cwd, file) || file;
  const write = async (data: string): Promise<boolean> => {
    const outcome = await guardedWrite(file, data, { expected: before === null ? null : Buffer.from(before, 'utf8'), roots: [top], display: show });
    if (outcome.status === 'written') return true;
    ctx.stderr.write(`trackdocs merge-driver: ${outcome.status === 'refused' ? outcome.message : `${show} changed meanwhile; run the command again`}\n`);
    return false;
  };
  return action === 'install' ? install(ctx, top, parsed.positionals, dryRun, before, show, write) : uninstall(ctx, top, dryRun, before, file, show, write);
}

/** The documents to merge with the driver, relative to the top level with `/`. */
async function documentPaths(ctx: CommandContext, top: string, given: string[]): Promise<string[]> {
  let paths: string[];
  if (given.length) {
    paths = given.map((p) => resolve(ctx.cwd, p));
    const missing = paths.find((p) => !existsSync(p));
    if (missing) throw new UsageError(`no such file: ${relative(ctx.cwd, missing) || missing}`);
  } else {
    const { loadConfig } = await import('../config/load.js');
    paths = defaultTargets(await loadConfig(ctx.cwd));
    if (!paths.length) throw new UsageError('no documents found: none of docs/status-tracker.md, status-tracker.md, TODO.md, ROADMAP.md exists and docs.config.yaml lists no `documents`; name them: trackdocs merge-driver install PATHS…');
  }
  return [...new Set(paths.map((p) => {
    const rel = relative(top, p);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${p} is outside the repository (${top})`);
    return rel.split(sep).join('/');
  }))];
}

async function install(ctx: CommandContext, top: string, given: string[], dryRun: boolean, before: string | null, show: string, write: (d: string) => Promise<boolean>): Promise<number> {
  const paths = await documentPaths(ctx, top, given);
  const eol = before?.includes('\r\n') ? '\r\n' : '\n';
  const block = attributesBlock(paths, eol);
  const rest = before === null ? '' : (withoutBlock(before) ?? before);
  const existingAt = before?.indexOf(BEGIN) ?? -1;
  // In place when the block is there already, else at the end.
  const after = existingAt !== -1 && before !== null
    ? before.slice(0, existingAt) + block + rest.slice(existingAt)
    : rest + (rest === '' || rest.endsWith('\n') ? '' : eol) + block;
  const driver = driverCommand(join(packageRoot(), 'bin', 'docs.cjs'), process.execPath);
  const configNow = { name: configGet(top, 'merge.trackdocs.name'), driver: configGet(top, 'merge.trackdocs.driver') };
  const configSame = configNow.name === DRIVER_NAME && configNow.driver === driver;
  if (dryRun) {
    ctx.stdout.write(`${after === before ? `${show} already has` : `would write to ${show}`}:\n\n${block.replace(/\r/g, '')}\n`);
    ctx.stdout.write(`${configSame ? 'git config already has' : 'would set in the git config (local)'}:\n\n  merge.trackdocs.name = ${DRIVER_NAME}\n  merge.trackdocs.driver = ${driver}\n`);
    return 0;
  }
  if (after !== before && !(await write(after))) return 2;
  if (!configSame) {
    for (const [key, value] of [['merge.trackdocs.name', DRIVER_NAME], ['merge.trackdocs.driver', driver]] as const) {
      const r = git(top, ['config', '--local', key, value]);
      if (r.status !== 0) {
        ctx.stderr.write(`trackdocs merge-driver: git config ${key} failed: ${r.stderr.trim()}\n`);
        return 2;
      }
    }
  }
  if (after === before && configSame) {
    ctx.stdout.write(`the trackdocs merge driver is already installed for ${paths.join(', ')}\n`);
    return 0;
  }
  ctx.stdout.write(`${after === before ? `${show} already lists` : `${before?.includes(BEGIN) ? 'updated' : 'wrote'} ${show} for`} ${paths.join(', ')}; ${configSame ? 'git config unchanged' : 'set merge.trackdocs in the git config'}\n`);
  if (after !== before) ctx.stdout.write(`commit ${show} so every clone uses the driver (each clone runs \`trackdocs merge-driver install\` once for its git config)\n`);
  return 0;
}

async function uninstall(ctx: CommandContext, top: string, dryRun: boolean, before: string | null, file: string, show: string, write: (d: string) => Promise<boolean>): Promise<number> {
  const after = before === null ? undefined : withoutBlock(before);
  const keys = ['merge.trackdocs.name', 'merge.trackdocs.driver'].filter((k) => configGet(top, k) !== undefined);
  if (after === undefined && !keys.length) {
    ctx.stdout.write('the trackdocs merge driver is not installed\n');
    return 0;
  }
  if (dryRun) {
    if (after !== undefined) ctx.stdout.write(`would remove the trackdocs block from ${show}${after === '' ? ` (and ${show}, then empty)` : ''}\n`);
    if (keys.length) ctx.stdout.write(`would unset ${keys.join(', ')} in the git config\n`);
    return 0;
  }
  if (after !== undefined) {
    // A file that held only our block was ours: it goes.
    if (after === '') unlinkSync(file);
    else if (!(await write(after))) return 2;
    ctx.stdout.write(after === '' ? `removed ${show} (it held only the trackdocs block)\n` : `removed the trackdocs block from ${show}\n`);
  }
  for (const key of keys) {
    const r = git(top, ['config', '--local', '--unset', key]);
    if (r.status !== 0 && r.status !== 5) {
      ctx.stderr.write(`trackdocs merge-driver: git config --unset ${key} failed: ${r.stderr.trim()}\n`);
      return 2;
    }
  }
  if (keys.length) ctx.stdout.write(`removed merge.trackdocs from the git config\n`);
  return 0;
}
