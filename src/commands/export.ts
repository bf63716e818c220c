/** `trackdocs export [paths…] --format json|yaml`: the typed model of each document. */
import { loadConfig } from '../config/load.js';
import { lazyImport } from '../core/lazy.js';
import { loadDocuments } from '../store/documents.js';
import type { CommandContext } from './context.js';
import { parseCommand, parseFormat } from './options.js';

export const help = `Usage: trackdocs export [paths…] [options]

Print the typed model of each document (status tracker, TODO list, roadmap or plain markdown):
every table row, status, date, task and section, each with its source position.
The shape is documented in docs/model.md.

Options:
  --format <name>   json (default) or yaml
  --no-positions    leave out every source position: a located value \`{value, position}\`
                    becomes its bare value (shorter output for jq and scripts)
  --config <file>   use this config instead of searching for docs.config.yaml
  -h, --help        show this help

Output: an array with one {file, kind, model} per document.
Exit codes: 0 printed, 2 usage, config failure, or a file that is not UTF-8 text (reported on stderr).`;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, { format: { type: 'string', default: 'json' }, 'no-positions': { type: 'boolean', default: false }, config: { type: 'string' } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  parseFormat(values.format, ['json', 'yaml']);
  const config = await loadConfig(ctx.cwd, values.config);
  const loaded = loadDocuments(positionals, ctx.cwd, config);
  const documents = loaded.documents.map(({ doc }) => ({ file: doc.path, kind: doc.kind, model: doc.model }));
  const out = values['no-positions'] ? withoutPositions(documents) : documents;
  if (values.format === 'json') ctx.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else {
    const { stringify } = await lazyImport<typeof import('yaml')>('yaml');
    ctx.stdout.write(stringify(out, { aliasDuplicateObjects: false, lineWidth: 0 }));
  }
  for (const d of loaded.unreadable) ctx.stderr.write(`trackdocs: ${d.file}: ${d.message}\n`);
  return loaded.unreadable.length ? 2 : 0;
}

/** A copy without `position` keys, where a `{value, position}` pair becomes its value. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && keys.includes('value') && keys.includes('position')) return withoutPositions((value as { value: unknown }).value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'position') out[k] = withoutPositions(v);
  return out;
}
