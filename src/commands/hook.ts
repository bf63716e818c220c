/** `trackdocs hook install|uninstall`: a git pre-commit hook that runs `trackdocs lint --staged`. */
import { existsSync, readFileSync, renameSync, unlinkSync, chmodSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { gitTopLevel, hooksDir } from '../io/git.js';
import { packageRoot } from '../io/package-root.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs hook install | uninstall

install    write a git pre-commit hook that runs \`trackdocs lint --staged\`: it lints what is staged
           (the git index), not the working tree, and blocks a commit whose staged docs have
           errors. An existing pre-commit hook is kept and chained: it runs first.
uninstall  remove trackdocs' hook and put back the hook it chained, if any.

The hook calls this Node and this trackdocs by absolute path; run install again after moving
either. For the pre-commit framework, husky or lint-staged, see docs/hooks.md.`;

export const MARKER = '# trackdocs pre-commit hook';
const CHAINED = 'pre-commit.trackdocs-chained';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function hookScript(node: string, bin: string): string {
  return `#!/bin/sh
${MARKER} (written by \`trackdocs hook install\`; \`trackdocs hook uninstall\` removes it)
hooks=$(dirname "$0")
if [ -x "$hooks/${CHAINED}" ]; then
  "$hooks/${CHAINED}" "$@" || exit $?
fi
exec ${shellQuote(node)} ${shellQuote(bin)} lint --staged
`;
}

export async function run(ctx: CommandContext): Promise<number> {
  const [action, ...rest] = ctx.argv;
  if (!action || action === '-h' || action === '--help') {
    ctx.stdout.write(help + '\n');
    return action ? 0 : 2;
  }
  if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}`);
  const top = gitTopLevel(ctx.cwd);
  const dirRaw = hooksDir(top);
  const dir = isAbsolute(dirRaw) ? dirRaw : resolve(top, dirRaw);
  const hook = join(dir, 'pre-commit');
  const chained = join(dir, CHAINED);
  const shown = relative(ctx.cwd, hook) || hook;
  const ours = existsSync(hook) && readFileSync(hook, 'utf8').includes(MARKER);
  if (action === 'install') {
    mkdirSync(dir, { recursive: true });
    if (existsSync(hook) && !ours) {
      if (existsSync(chained)) throw new UsageError(`${relative(ctx.cwd, chained)} already exists; remove it or run \`trackdocs hook uninstall\` first`);
      renameSync(hook, chained);
      ctx.stdout.write(`kept your existing pre-commit hook as ${relative(ctx.cwd, chained)}; it runs first\n`);
    }
    atomicWrite(hook, hookScript(process.execPath, join(packageRoot(), 'bin', 'docs.cjs')));
    chmodSync(hook, 0o755);
    ctx.stdout.write(`${ours ? 'updated' : 'installed'} ${shown}: every commit runs \`trackdocs lint --staged\`\n`);
    return 0;
  }
  if (action === 'uninstall') {
    if (!ours) {
      ctx.stdout.write(existsSync(hook) ? `${shown} is not trackdocs' hook; left as it is\n` : 'no trackdocs hook is installed\n');
      return 0;
    }
    unlinkSync(hook);
    if (existsSync(chained)) {
      renameSync(chained, hook);
      ctx.stdout.write(`removed trackdocs' hook and restored your previous ${shown}\n`);
    } else ctx.stdout.write(`removed ${shown}\n`);
    return 0;
  }
  throw new UsageError(`unknown action \`${action}\`, expected install or uninstall`);
}
