/** `trackdocs hook install|uninstall`: a git pre-commit hook that runs `trackdocs lint --staged`. */
import { subcommand } from './options.js';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { guardedWrite } from '../io/guarded-write.js';
import { gitCommonDir, gitTopLevel, hooksDir } from '../io/git.js';
import { packageRoot } from '../io/package-root.js';
import { HOOK_COMMAND, planHook } from '../hook/detect.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs hook install | uninstall

install    add a pre-commit check that runs \`trackdocs lint --staged\`: it lints what is staged
           (the git index), not the working tree, and blocks a commit whose staged docs have
           errors. It prints only errors and a one-line count of warnings
           (TRACKDOCS_HOOK_VERBOSE=1 git commit … shows every warning).
           - plain git: writes .git/hooks/pre-commit (or the local core.hooksPath); an existing
             hook is kept and runs first;
           - husky: adds a line to .husky/pre-commit;
           - lefthook, the pre-commit framework, team hooks tracked in git, or a core.hooksPath
             outside the repository (a global one): writes nothing, and prints the line to add.
uninstall  remove what install added and put back exactly what was there before.

The hook finds trackdocs when it runs: the project's node_modules/.bin, then PATH, then the copy
recorded at install. See docs/hooks.md.`;

export const MARKER = '# trackdocs pre-commit hook';
const CHAINED = 'pre-commit.trackdocs-chained';
/** The lines added to .husky/pre-commit; uninstall removes exactly these. */
const HUSKY_BLOCK = `# trackdocs (\`trackdocs hook uninstall\` removes this line and the next)\n${HOOK_COMMAND}\n`;
const STATE = 'trackdocs-hook.json';

interface HookState {
  husky?: { file: string; original: string | null };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The hook script. It names no Node and no trackdocs by absolute path it depends on: at run time it
 * looks in the project's node_modules/.bin, then on PATH, and only then tries the bin recorded at
 * install (with `node` from PATH, else the Node that installed it), so a Node upgrade or a moved
 * checkout does not block every commit. When none is there it says how to reinstall.
 */
export function hookScript(recordedBin: string, recordedNode: string): string {
  return `#!/bin/sh
${MARKER} (written by \`trackdocs hook install\`; \`trackdocs hook uninstall\` removes it)
# Finds trackdocs when it runs: node_modules/.bin, then PATH, then the copy recorded at install.
# Prints errors and a count of warnings; TRACKDOCS_HOOK_VERBOSE=1 git commit ... prints every warning.
hooks=$(dirname "$0")
if [ -x "$hooks/${CHAINED}" ]; then
  "$hooks/${CHAINED}" "$@" || exit $?
fi
quiet=--quiet
if [ -n "$TRACKDOCS_HOOK_VERBOSE" ]; then quiet=; fi
top=$(git rev-parse --show-toplevel) || exit 1
recorded_bin=${shellQuote(recordedBin)}
recorded_node=${shellQuote(recordedNode)}
if [ -x "$top/node_modules/.bin/trackdocs" ]; then
  exec "$top/node_modules/.bin/trackdocs" lint --staged $quiet
elif command -v trackdocs >/dev/null 2>&1; then
  exec trackdocs lint --staged $quiet
elif [ -f "$recorded_bin" ] && command -v node >/dev/null 2>&1; then
  exec node "$recorded_bin" lint --staged $quiet
elif [ -f "$recorded_bin" ] && [ -x "$recorded_node" ]; then
  exec "$recorded_node" "$recorded_bin" lint --staged $quiet
fi
echo "trackdocs: the pre-commit hook cannot find trackdocs: not in node_modules/.bin, not on PATH, and $recorded_bin (recorded at install) is gone or there is no node to run it." >&2
echo "Reinstall it: npm install --save-dev trackdocs (or npm install -g trackdocs), then run: trackdocs hook install" >&2
echo "To commit once without the check: git commit --no-verify" >&2
exit 1
`;
}

/** Whether something is at `path`, a dangling symlink included. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const isOurs = (path: string) => {
  try {
    return lstatSync(path).isFile() && readFileSync(path, 'utf8').includes(MARKER);
  } catch {
    return false;
  }
};

function readState(path: string): HookState {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as HookState;
  } catch {
    return {};
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  const got = subcommand(ctx, help, ['install', 'uninstall']);
  if (typeof got === 'number') return got;
  const { action, rest } = got;
  if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}`);
  const top = gitTopLevel(ctx.cwd);
  const statePath = join(gitCommonDir(top), STATE);
  const show = (p: string) => relative(ctx.cwd, p) || p;
  // Every write goes through the guarded writer, and only inside the repository or its git directory.
  const roots = [top, gitCommonDir(top)];
  const write = async (path: string, data: string, mode?: number): Promise<boolean> => {
    const outcome = await guardedWrite(path, data, { expected: undefined, roots, display: show(path), ...(mode ? { mode } : {}) });
    if (outcome.status === 'written') return true;
    ctx.stderr.write(`trackdocs hook: ${outcome.status === 'refused' ? outcome.message : `${show(path)} changed meanwhile; run the command again`}\n`);
    return false;
  };
  return action === 'install' ? install(ctx, top, statePath, show, write) : uninstall(ctx, top, statePath, show, write);
}

type Write = (path: string, data: string, mode?: number) => Promise<boolean>;

async function install(ctx: CommandContext, top: string, statePath: string, show: (p: string) => string, write: Write): Promise<number> {
  const plan = planHook(top);
  if (plan.kind === 'refuse') {
    ctx.stderr.write(`trackdocs hook: not installed: ${plan.reason}.\n\n${plan.instructions}`);
    return 2;
  }
  if (plan.kind === 'husky') {
    const state = readState(statePath);
    const before = present(plan.file) ? readFileSync(plan.file, 'utf8') : null;
    if (before?.includes(HUSKY_BLOCK)) {
      ctx.stdout.write(`${show(plan.file)} already runs trackdocs\n`);
      return 0;
    }
    const after = before === null ? HUSKY_BLOCK : before + (before === '' || before.endsWith('\n') ? '' : '\n') + HUSKY_BLOCK;
    mkdirSync(dirname(plan.file), { recursive: true }); // core.hooksPath=.husky/_ before husky wrote .husky/
    if (!(await write(plan.file, after))) return 2;
    if (!state.husky && !(await write(statePath, JSON.stringify({ ...state, husky: { file: relative(top, plan.file), original: before } }, null, 1) + '\n'))) return 2;
    ctx.stdout.write(`${before === null ? 'created' : 'added a line to'} ${show(plan.file)}: husky runs \`${HOOK_COMMAND}\` on every commit\n`);
    return 0;
  }
  const hook = join(plan.dir, 'pre-commit');
  const chained = join(plan.dir, CHAINED);
  const ours = isOurs(hook);
  mkdirSync(plan.dir, { recursive: true });
  if (present(hook) && !ours) {
    if (present(chained)) throw new UsageError(`${show(chained)} already exists; remove it or run \`trackdocs hook uninstall\` first`);
    // A rename moves a symlink as it is, dangling or not, and keeps a file's mode and bytes.
    renameSync(hook, chained);
    ctx.stdout.write(`kept your existing pre-commit hook as ${show(chained)}; it runs first\n`);
  }
  if (!(await write(hook, hookScript(join(packageRoot(), 'bin', 'docs.cjs'), process.execPath), 0o755))) return 2;
  chmodSync(hook, 0o755);
  ctx.stdout.write(`${ours ? 'updated' : 'installed'} ${show(hook)}: every commit runs \`${HOOK_COMMAND}\`\n`);
  return 0;
}

async function uninstall(ctx: CommandContext, top: string, statePath: string, show: (p: string) => string, write: Write): Promise<number> {
  let done = false;
  const state = readState(statePath);
  if (state.husky) {
    const file = join(top, state.husky.file);
    const now = present(file) ? readFileSync(file, 'utf8') : null;
    const original = state.husky.original;
    if (now !== null && now.includes(HUSKY_BLOCK)) {
      const restored = original !== null && (now === original + HUSKY_BLOCK || now === original + '\n' + HUSKY_BLOCK) ? original : now.replace(HUSKY_BLOCK, '');
      if (original === null && restored === '') unlinkSync(file);
      else if (!(await write(file, restored))) return 2;
      ctx.stdout.write(`removed trackdocs from ${show(file)}${original === null && restored === '' ? ' (trackdocs had created it)' : ''}\n`);
      done = true;
    }
    unlinkSync(statePath);
  }
  const dir = hooksDir(top);
  const hookDir = isAbsolute(dir) ? dir : resolve(top, dir);
  const hook = join(hookDir, 'pre-commit');
  const chained = join(hookDir, CHAINED);
  if (isOurs(hook)) {
    unlinkSync(hook);
    done = true;
    if (present(chained)) {
      renameSync(chained, hook);
      ctx.stdout.write(`removed trackdocs' hook and restored your previous ${show(hook)}\n`);
    } else ctx.stdout.write(`removed ${show(hook)}\n`);
  } else if (!present(hook) && present(chained)) {
    renameSync(chained, hook);
    ctx.stdout.write(`restored your previous ${show(hook)}\n`);
    done = true;
  }
  if (!done) ctx.stdout.write(present(hook) ? `${show(hook)} is not trackdocs' hook; left as it is\n` : 'no trackdocs hook is installed\n');
  return 0;
}
