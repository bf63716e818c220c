/** `trackdocs init`: write the status tracker, TODO list, roadmap and config from templates/. */
import { existsSync, mkdirSync, readFileSync, copyFileSync, constants } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { guardedWrite } from '../io/guarded-write.js';
import { packageRoot } from '../io/package-root.js';
import { repositoryRoot } from '../config/load.js';
import type { CommandContext } from './context.js';
import { parseCommand } from './options.js';

export const help = `Usage: trackdocs init [directory] [options]

Start a project's tracking docs from trackdocs' templates:
  docs/status-tracker.md   status tracker (with Past Remote Jobs and Local Training, which trackdocs sync maintains)
  TODO.md                  TODO list
  ROADMAP.md               roadmap
  docs.config.yaml         config naming the three documents and the sync sources; its first line
                           points editors at the config schema (yaml-language-server), so they
                           check it as you type

The directory defaults to the repository root (the nearest folder with .git), else the current
folder. Existing files are never overwritten: each is reported as skipped.

Options:
  --force      overwrite existing files, keeping each old one as <file>.bak (then .bak.2, .bak.3…:
               an existing backup is never overwritten); also replaces read-only files
  -h, --help   show this help

The new documents lint clean apart from the template placeholders, which are warnings, so they can be
committed through the pre-commit hook; fill them in as the project starts.`;

/**
 * The first line of a new config: it points editors with the YAML language server (VS Code's YAML
 * extension, Neovim, JetBrains) at the config schema installed with trackdocs, so they validate and
 * complete the file. Relative when trackdocs is installed inside the project (node_modules), else
 * the absolute path of this installation.
 */
export function schemaComment(root: string): string {
  const schema = join(packageRoot(), 'schemas', 'config.schema.json');
  const fromRoot = relative(root, schema);
  const shown = fromRoot.startsWith('..') || isAbsolute(fromRoot) ? schema : fromRoot;
  return `# yaml-language-server: $schema=${shown.split(sep).join('/')}\n`;
}

export const templateFiles: [template: string, target: string][] = [
  ['status-tracker.md', 'docs/status-tracker.md'],
  ['TODO.md', 'TODO.md'],
  ['ROADMAP.md', 'ROADMAP.md'],
  ['docs.config.yaml', 'docs.config.yaml'],
];

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, { force: { type: 'boolean', default: false } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const root = positionals[0] ? resolve(ctx.cwd, positionals[0]) : repositoryRoot(ctx.cwd);
  const templates = join(packageRoot(), 'templates');
  let written = 0;
  let refused = false;
  for (const [template, target] of templateFiles) {
    const path = join(root, target);
    const shown = relative(ctx.cwd, path) || path;
    if (existsSync(path) && !values.force) {
      ctx.stdout.write(`skipped  ${shown} (exists; --force overwrites it and keeps a .bak)\n`);
      continue;
    }
    const placed = await place(path, template === 'docs.config.yaml' ? Buffer.from(schemaComment(root) + readFileSync(join(templates, template), 'utf8')) : readFileSync(join(templates, template)), { roots: [root], display: shown, force: values.force }, ctx.cwd);
    if ('refused' in placed) {
      ctx.stderr.write(`trackdocs init: ${placed.refused}\n`);
      refused = true;
      continue;
    }
    ctx.stdout.write(placed.done + '\n');
    written++;
  }
  ctx.stdout.write(
    written
      ? `\nNext: fill in the placeholders (\`trackdocs lint\` lists them), then \`trackdocs hook install\` to check every commit.\n`
      : refused ? '\nNothing written.\n' : '\nNothing written: every file exists.\n',
  );
  return refused ? 2 : 0;
}

/** Write one template: a new file, or (forced) over an existing one after backing it up. */
async function place(path: string, content: Buffer, options: { roots: string[]; display: string; force: boolean }, cwd: string): Promise<{ done: string } | { refused: string }> {
  const shown = options.display;
  if (existsSync(path)) {
    const old = readFileSync(path);
    const backup = keepBackup(path);
    if ('refused' in backup) return { refused: `cannot back up ${shown}: ${backup.refused}; left as it is` };
    const outcome = await guardedWrite(path, content, { ...options, expected: old });
    if (outcome.status === 'changed') return { refused: `${shown} changed while init was replacing it; left as it is` };
    if (outcome.status === 'refused') return { refused: outcome.message };
    return { done: `replaced ${shown} (the old one is ${relative(cwd, backup.path) || backup.path})` };
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    return { refused: `cannot create the folder of ${shown}: ${(e as Error).message}` };
  }
  const outcome = await guardedWrite(path, content, { ...options, expected: null });
  if (outcome.status === 'changed') return { refused: `${shown} appeared while init was writing it; left as it is` };
  if (outcome.status === 'refused') return { refused: outcome.message };
  return { done: `created  ${shown}` };
}

/**
 * Copy a file to the first free backup name, <file>.bak, then <file>.bak.2, <file>.bak.3…; the copy
 * is exclusive, so an existing backup is never overwritten.
 */
export function keepBackup(path: string): { path: string } | { refused: string } {
  for (let n = 1; n < 10_000; n++) {
    const backup = n === 1 ? `${path}.bak` : `${path}.bak.${n}`;
    if (existsSync(backup)) continue;
    try {
      copyFileSync(path, backup, constants.COPYFILE_EXCL);
      return { path: backup };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      return { refused: (e as Error).message };
    }
  }
  return { refused: 'every backup name up to .bak.9999 is taken' };
}
