/** `docs export [paths…] --format json|yaml`: the typed model of each document. */
import { UsageError } from '../core/errors.js';
import { loadConfig } from '../config/load.js';
import { lazyImport } from '../core/lazy.js';
import { loadDocuments } from '../store/documents.js';
import type { CommandContext } from './context.js';
import { parseCommand } from './options.js';

export const help = `Usage: docs export [paths…] [options]

Print the typed model of each document (status tracker, TODO list, roadmap or plain markdown):
every table row, status, date, task and section, each with its source position.
The shape is documented in docs/model.md.

Options:
  --format <name>   json (default) or yaml
  --config <file>   use this config instead of searching for docs.config.yaml
  -h, --help        show this help

Output: an array with one {file, kind, model} per document.
Exit codes: 0 printed, 2 usage, config failure, or a file that is not UTF-8 text (reported on stderr).`;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, { format: { type: 'string', default: 'json' }, config: { type: 'string' } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values.format !== 'json' && values.format !== 'yaml') throw new UsageError(`unknown --format ${values.format}, expected json or yaml`);
  const config = await loadConfig(ctx.cwd, values.config);
  const loaded = loadDocuments(positionals, ctx.cwd, config);
  const out = loaded.documents.map(({ doc }) => ({ file: doc.path, kind: doc.kind, model: doc.model }));
  if (values.format === 'json') ctx.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else {
    const { stringify } = await lazyImport<typeof import('yaml')>('yaml');
    ctx.stdout.write(stringify(out, { aliasDuplicateObjects: false, lineWidth: 0 }));
  }
  for (const d of loaded.unreadable) ctx.stderr.write(`trackdocs: ${d.file}: ${d.message}\n`);
  return loaded.unreadable.length ? 2 : 0;
}
