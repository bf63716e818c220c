/**
 * `trackdocs mcp`: the verbs, lint, check and sync as tools of a Model Context Protocol server on
 * stdio, and each document's typed model as a resource. Built on the official SDK's low-level
 * Server, so the tools' input schemas are JSON Schemas generated from the documents' tables: a
 * client sees each table's columns and valid statuses. A refused operation (an unknown status, a
 * conflict) is a tool result with isError and the details as JSON, never a protocol error.
 * The SDK is loaded only here, on demand (it stays out of the lint bundle).
 */
import type { CommandContext } from '../commands/context.js';
import { today } from '../commands/context.js';
import { lazyImport } from '../core/lazy.js';
import { OperationError } from '../api/errors.js';
import { describeTable, readRows, type TableDescription } from '../api/read.js';
import { findTable } from '../api/names.js';
import type { Operation } from '../api/operations.js';
import { perform, loadTargets, versionOf } from '../store/operations.js';
import { checkOperations, withDates } from '../commands/verbs.js';
import pkg from '../../package.json' with { type: 'json' };

type Json = Record<string, unknown>;
interface ToolResult {
  content: { type: 'text'; text: string }[];
  isError?: boolean;
  structuredContent?: Json;
}

const text = (value: unknown, isError = false): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], ...(isError ? { isError } : {}) });

/** Run a CLI command in-process with its output captured (lint, check and sync speak through their reporters). */
async function capture(ctx: CommandContext, run: (c: CommandContext) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  try {
    const code = await run({ ...ctx, argv, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr };
  } catch (e) {
    return { code: 2, stdout, stderr: stderr + (e as Error).message };
  }
}

const fileProps = {
  file: { type: 'array', items: { type: 'string' }, description: 'documents (or folders) to work on; default: the configured documents, else docs/status-tracker.md, TODO.md, ROADMAP.md' },
};
const writeProps = {
  ...fileProps,
  dry_run: { type: 'boolean', description: 'return the diff; write nothing' },
  if_match: { type: 'string', description: "write only if the document is still this version (from get's `version`); else a conflict" },
};

const sourceProps = {
  vastai_json: { type: 'string', description: 'a saved `vastai show instances --raw` instead of running vastai' },
  state: { type: 'string', description: 'a .system_state.json to use' },
  no_vastai: { type: 'boolean', description: 'leave the vastai source out' },
  no_state: { type: 'boolean', description: 'leave the state source out' },
};

/** The source flags of sync and check, from a tool's arguments. */
const sourceArgs = (args: Json): string[] => [
  ...(typeof args.vastai_json === 'string' ? ['--vastai-json', args.vastai_json] : []),
  ...(typeof args.state === 'string' ? ['--state', args.state] : []),
  ...(args.no_vastai === true ? ['--no-vastai'] : []),
  ...(args.no_state === true ? ['--no-state'] : []),
];

/** The JSON Schema of a row's values for each table the documents hold: columns, and the valid statuses. */
function valuesSchema(tables: TableDescription[]): Json {
  const perTable = tables.map((t) => ({
    title: `${t.name} (${t.kind})`,
    type: 'object',
    properties: Object.fromEntries(
      t.columns.map((c) => [c.name, c.name === t.statusColumn ? { type: 'string', enum: t.statuses, description: `${c.header}: one of the statuses (any spelling the table uses also works; a qualifier in parentheses is kept)` } : { type: 'string', description: `${c.header}${c.owner === 'source' ? ' (sync owns this column)' : ''}` }]),
    ),
    additionalProperties: false,
  }));
  return { type: 'object', description: 'cells by column name (a column is also named by its header)', additionalProperties: { type: 'string' }, ...(perTable.length ? { anyOf: perTable } : {}) };
}

async function toolList(cwd: string): Promise<Json[]> {
  let tables: TableDescription[] = [];
  try {
    const { config, documents } = await loadTargets(cwd, undefined, undefined);
    tables = documents.flatMap((d) => d.doc.tables.map(describeTable)).filter((t) => t.key);
    // The table kinds of the schemas (built-in and configured) that no document holds yet: `add` creates them.
    for (const spec of [...config.model.tableSpecs, ...(config.model.collections ?? [])]) {
      if (tables.some((t) => t.kind === spec.kind)) continue;
      const status = spec.columns.find((c) => c.status);
      const vocabulary = status?.status === 'own' ? spec.vocabulary : status?.status ? config.model.vocabularies[status.status] : undefined;
      tables.push({
        name: spec.title.replace(/ row$/, ''),
        kind: spec.kind,
        line: 0,
        key: spec.key,
        ...(status && vocabulary ? { statusColumn: status.name, statuses: Object.keys(vocabulary) } : {}),
        columns: spec.columns.map((c) => ({ name: c.name, header: c.aliases[0] ?? c.name, owner: c.owner })),
        rows: 0,
      });
    }
  } catch {
    /* no documents or config yet: generic schemas */
  }
  const names = [...new Set(tables.flatMap((t) => (t.kind === 'generic' ? [t.name] : [t.kind, t.name])))];
  const tableProp = { type: 'string', description: 'a table kind (jobs, milestones, steps, a configured kind) or a heading', ...(names.length ? { examples: names } : {}) };
  const values = valuesSchema(tables);
  const operationSchema = {
    type: 'object',
    required: ['op'],
    properties: { op: { enum: ['set', 'add', 'rm', 'log', 'done'] }, table: tableProp, key: { type: 'string' }, values, expect: { type: 'object', additionalProperties: { type: 'string' } }, text: { type: 'string' }, date: { type: 'string' }, task: { type: 'string' }, undo: { type: 'boolean' }, cascade: { type: 'boolean' } },
  };
  return [
    { name: 'get', description: "Rows of a table (by kind or heading), or the tables of the documents when no table is given. Returns the document's version for if_match.", inputSchema: { type: 'object', properties: { table: tableProp, key: { type: 'string' }, where: { type: 'object', additionalProperties: { type: 'string' } }, ...fileProps } } },
    { name: 'set', description: "Update cells of a row; values are validated (an unknown status is refused with the nearest valid ones) and statuses are written in the table's own spelling. `expect` makes it conditional on the cells' current values (conflict otherwise).", inputSchema: { type: 'object', required: ['table', 'key', 'values'], properties: { table: tableProp, key: { type: 'string' }, values, expect: { type: 'object', additionalProperties: { type: 'string' } }, ...writeProps } } },
    { name: 'add', description: "Add a row in the table's own style; a duplicate key is refused. A tracker lacking the table gets its section from the template.", inputSchema: { type: 'object', required: ['table', 'values'], properties: { table: tableProp, values, ...writeProps } } },
    { name: 'rm', description: 'Remove a row; Active Remote Jobs rows move to Past Remote Jobs.', inputSchema: { type: 'object', required: ['table', 'key'], properties: { table: tableProp, key: { type: 'string' }, ...writeProps } } },
    { name: 'log', description: "Add a bullet under Recent Work for a date (default today); the date's heading is created newest-first.", inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, ...writeProps } } },
    { name: 'done', description: 'Tick a TODO or roadmap task named by a unique piece of its text or a backticked path; undo unticks; cascade also ticks parents whose subtasks are all done.', inputSchema: { type: 'object', required: ['task'], properties: { task: { type: 'string' }, undo: { type: 'boolean' }, cascade: { type: 'boolean' }, ...writeProps } } },
    { name: 'apply', description: 'Apply a list of operations as one write per document: all of them, or none.', inputSchema: { type: 'object', required: ['operations'], properties: { operations: { type: 'array', items: operationSchema }, ...writeProps } } },
    { name: 'lint', description: 'Check documents against the rules; returns the diagnostics (file, line, rule, message, fix).', inputSchema: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } } } } },
    { name: 'check', description: 'lint plus sync --check (drift from vastai and the state tracker), one report.', inputSchema: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } }, ...sourceProps } } },
    { name: 'sync', description: 'Merge live vastai and state-tracker data into the tracker. A dry run (the diff) unless write is true.', inputSchema: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } }, write: { type: 'boolean', description: 'apply the changes (default: dry run)' }, ...sourceProps } } },
  ];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined);
const record = (v: unknown): Record<string, string> => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {});

async function callTool(ctx: CommandContext, name: string, args: Json): Promise<ToolResult> {
  const day = today(ctx.env);
  const files = strings(args.file);
  const write = async (ops: Operation[]) => {
    const outcome = await perform(withDates(ops, day), { cwd: ctx.cwd, today: day, files, dryRun: args.dry_run === true, ifMatch: str(args.if_match) });
    return text(outcome, !outcome.ok);
  };
  try {
    switch (name) {
      case 'get': {
        const { documents } = await loadTargets(ctx.cwd, files, undefined);
        if (!str(args.table)) return text({ documents: documents.map((d) => ({ file: d.source.display, kind: d.doc.kind, version: versionOf(d.source.bytes), tables: d.doc.tables.map(describeTable) })) });
        const { doc, table } = findTable(documents.map((d) => d.doc), str(args.table)!);
        const loaded = documents.find((d) => d.doc === doc)!;
        return text({ file: loaded.source.display, version: versionOf(loaded.source.bytes), table: describeTable(table), rows: readRows(doc, table, str(args.key), record(args.where)) });
      }
      case 'set':
        return await write([{ op: 'set', table: String(args.table), key: String(args.key), values: record(args.values), ...(args.expect ? { expect: record(args.expect) } : {}) }]);
      case 'add':
        return await write([{ op: 'add', table: String(args.table), values: record(args.values) }]);
      case 'rm':
        return await write([{ op: 'rm', table: String(args.table), key: String(args.key) }]);
      case 'log':
        return await write([{ op: 'log', text: String(args.text ?? ''), date: str(args.date) }]);
      case 'done':
        return await write([{ op: 'done', task: String(args.task ?? ''), undo: args.undo === true, cascade: args.cascade === true }]);
      case 'apply':
        return await write(checkOperations(args.operations));
      case 'lint':
      case 'check':
      case 'sync': {
        const more = await import('../commands/more.js');
        const paths = strings(args.paths) ?? [];
        if (name === 'sync') {
          const r = await capture(ctx, more.sync.run, [...paths, ...sourceArgs(args), ...(args.write === true ? [] : ['--dry-run'])]);
          return text({ exitCode: r.code, dryRun: args.write !== true, output: r.stdout, messages: r.stderr }, r.code === 2);
        }
        const run = name === 'lint' ? (await import('../commands/lint.js')).run : more.check.run;
        const r = await capture(ctx, run, [...paths, ...(name === 'check' ? sourceArgs(args) : []), '--format', 'json']);
        let diagnostics: unknown = r.stdout;
        try {
          diagnostics = JSON.parse(r.stdout);
        } catch {
          /* not JSON: pass the text on */
        }
        return text({ exitCode: r.code, diagnostics, messages: r.stderr || undefined }, r.code === 2);
      }
      default:
        return text({ kind: 'not-found', message: `unknown tool ${name}` }, true);
    }
  } catch (e) {
    if (e instanceof OperationError) return text({ ok: false, error: e.toJSON() }, true);
    const err = e as Error & { code?: string };
    if (err.code === 'usage' || err.code === 'config') return text({ ok: false, error: { kind: 'invalid', message: err.message } }, true);
    throw e;
  }
}

const modelUri = (file: string) => `trackdocs://model/${encodeURI(file)}`;

/** Serve until stdin closes. */
export async function serve(ctx: CommandContext, transport?: unknown): Promise<void> {
  const { Server } = await lazyImport<typeof import('@modelcontextprotocol/sdk/server/index.js')>('@modelcontextprotocol/sdk/server/index.js');
  const { StdioServerTransport } = await lazyImport<typeof import('@modelcontextprotocol/sdk/server/stdio.js')>('@modelcontextprotocol/sdk/server/stdio.js');
  const types = await lazyImport<typeof import('@modelcontextprotocol/sdk/types.js')>('@modelcontextprotocol/sdk/types.js');
  const server = new Server(
    { name: 'trackdocs', version: pkg.version },
    {
      capabilities: { tools: {}, resources: {} },
      instructions: 'Tracking documents as a database: read rows with get (note the version), change them with set/add/rm/log/done (or apply for several at once), pass if_match or expect to avoid overwriting someone else\'s change, then lint. Never rewrite the markdown by hand.',
    },
  );
  server.setRequestHandler(types.ListToolsRequestSchema, async () => ({ tools: (await toolList(ctx.cwd)) as never }));
  server.setRequestHandler(types.CallToolRequestSchema, async (req) => (await callTool(ctx, req.params.name, (req.params.arguments ?? {}) as Json)) as never);
  server.setRequestHandler(types.ListResourcesRequestSchema, async () => {
    const { documents } = await loadTargets(ctx.cwd, undefined, undefined).catch(() => ({ documents: [] as Awaited<ReturnType<typeof loadTargets>>['documents'] }));
    return { resources: documents.map((d) => ({ uri: modelUri(d.source.display), name: d.source.display, description: `The typed model of ${d.source.display} (${d.doc.kind}): tables, rows, statuses, tasks, sections, with positions`, mimeType: 'application/json' })) };
  });
  server.setRequestHandler(types.ReadResourceRequestSchema, async (req) => {
    const uri = req.params.uri;
    const prefix = 'trackdocs://model/';
    if (!uri.startsWith(prefix)) throw new Error(`unknown resource ${uri}; resources are trackdocs://model/<file>`);
    const file = decodeURI(uri.slice(prefix.length));
    const { documents } = await loadTargets(ctx.cwd, [file], undefined);
    const d = documents[0];
    if (!d) throw new Error(`cannot read ${file}`);
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify({ file: d.source.display, kind: d.doc.kind, version: versionOf(d.source.bytes), model: d.doc.model }, null, 2) }] };
  });
  const t = (transport as InstanceType<typeof StdioServerTransport> | undefined) ?? new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(t);
  await closed;
}

