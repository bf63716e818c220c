/** `trackdocs init`: write the status tracker, TODO list, roadmap and config from templates/. */
import { existsSync, mkdirSync, readFileSync, copyFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
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
  --force      overwrite existing files, keeping each old one as <file>.bak
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
  for (const [template, target] of templateFiles) {
    const path = join(root, target);
    const shown = relative(ctx.cwd, path) || path;
    const content = template === 'docs.config.yaml' ? Buffer.from(schemaComment(root) + readFileSync(join(templates, template), 'utf8')) : readFileSync(join(templates, template));
    if (existsSync(path)) {
      if (!values.force) {
        ctx.stdout.write(`skipped  ${shown} (exists; --force overwrites it and keeps a .bak)\n`);
        continue;
      }
      copyFileSync(path, path + '.bak');
      atomicWrite(path, content);
      ctx.stdout.write(`replaced ${shown} (the old one is ${shown}.bak)\n`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      atomicWrite(path, content);
      ctx.stdout.write(`created  ${shown}\n`);
    }
    written++;
  }
  ctx.stdout.write(
    written
      ? `\nNext: fill in the placeholders (\`trackdocs lint\` lists them), then \`trackdocs hook install\` to check every commit.\n`
      : '\nNothing written: every file exists.\n',
  );
  return 0;
}
