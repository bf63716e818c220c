/** `--print-config`: the configuration in effect, with every default filled in, and where it came from. */
import { relative } from 'node:path';
import { lazyImport } from '../core/lazy.js';
import { rules } from '../rules/index.js';
import type { CommandContext } from '../commands/context.js';
import { loadConfig, repositoryRoot } from './load.js';

/** Print the resolved config as YAML for the command's working directory (and --config, if given). */
export async function printConfig(ctx: CommandContext, argv: string[]): Promise<number> {
  const at = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const explicit = at === -1 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--config='.length) : argv[at + 1];
  const config = await loadConfig(ctx.cwd, explicit);
  const raw = config.raw;
  const effective = {
    documents: Object.keys(config.documents).length ? config.documents : '(none listed: docs/status-tracker.md, status-tracker.md, TODO.md and ROADMAP.md where they exist, kinds by name and headings)',
    rules: Object.fromEntries(rules.map((r) => [r.id, config.severities[r.id] ?? r.severity])),
    tables: raw.tables ?? {},
    statuses: raw.statuses ?? {},
    sources: {
      vastai: { enabled: raw.sources?.vastai?.enabled ?? 'when installed', command: raw.sources?.vastai?.command ?? 'vastai', args: raw.sources?.vastai?.args ?? [], timeout: raw.sources?.vastai?.timeout ?? 30 },
      state: raw.sources?.state?.command
        ? { enabled: raw.sources.state.enabled ?? true, command: raw.sources.state.command, timeout: raw.sources.state.timeout ?? 60 }
        : { enabled: raw.sources?.state?.enabled ?? 'when the file exists', path: raw.sources?.state?.path ?? '.system_state.json' },
    },
    sync: { archive: raw.sync?.archive ?? 'move' },
  };
  const { stringify } = await lazyImport<typeof import('yaml')>('yaml');
  const from = config.path
    ? `# from ${relative(ctx.cwd, config.path) || config.path}; paths are relative to ${relative(ctx.cwd, config.root) || '.'}`
    : `# no docs.config.yaml between here and the repository root (${relative(ctx.cwd, repositoryRoot(ctx.cwd)) || '.'}): built-in defaults`;
  ctx.stdout.write(`# trackdocs configuration in effect (defaults filled in)\n${from}\n${stringify(effective, { lineWidth: 0 })}`);
  return 0;
}
