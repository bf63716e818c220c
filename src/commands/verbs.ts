/**
 * The agents' verbs on the command line: `get`, `set`, `add`, `rm`, `log`, `done` and `apply`.
 * Each parses its arguments into operations, hands them to store/operations.ts and prints the
 * outcome (text, or JSON with --json). Exit codes: 0 done (or nothing to change), 2 refused (an
 * unknown table, row, column or status, a duplicate key, a write the OS refused, usage),
 * 3 conflict (--expect or --if-match did not hold, or the file kept changing). See docs/agents.md.
 */
import { UsageError } from '../core/errors.js';
import { OperationError } from '../api/errors.js';
import { parseAssignments, type Operation } from '../api/operations.js';
import { findTable, tableName } from '../api/names.js';
import { describeTable, readRows } from '../api/read.js';
import { perform, loadTargets, versionOf, type PerformOutcome } from '../store/operations.js';
import { parseCommand } from './options.js';
import { today, type CommandContext } from './context.js';

/** Exit code of a conflict: --expect or --if-match did not hold, or the file kept changing. */
export const EXIT_CONFLICT = 3;

const common = `  -f, --file <path>    the document (or folder) to work on; repeatable. Default: the
                       configured documents, else docs/status-tracker.md, status-tracker.md,
                       TODO.md and ROADMAP.md
  --config <file>      use this config instead of searching for docs.config.yaml
  --json               print the outcome as JSON (versions, cells written, errors with candidates)`;
const writing = `  --dry-run            print the change as a unified diff; write nothing
  --if-match <version> write only if the document is still this version (from \`get --json\`);
                       else exit 3
  --force              also replace a read-only document`;
const exits = `Every write sets the document's Last updated to today and happens only when something
changes; it is atomic and locked, and is planned again if the file changed meanwhile.
Exit codes: 0 done (or already so), 2 refused (unknown table, row, column or status; duplicate
key; the write was refused), 3 conflict (--expect or --if-match did not hold; read again, retry).
Guide: docs/agents.md`;

export const helps = {
  get: `Usage: trackdocs get [TABLE [KEY]] [--where col=value …] [options]

Print rows of a table: the row KEY names, or every row whose cells hold each --where value.
TABLE is a kind (jobs, milestones, steps, a kind from the config) or a table's heading. Without
TABLE: list the tables of the documents. --json carries the document's version, for --if-match.

Options:
  --where col=value    only rows whose column holds this value (a status matches any spelling);
                       repeatable
${common}
  -h, --help           show this help

Exit codes: 0 rows printed (possibly none), 2 unknown table, row or column. Guide: docs/agents.md`,
  set: `Usage: trackdocs set TABLE KEY col=value … [--expect col=value …] [options]

Update cells of the row KEY names. Values are checked against the table's schema first: an
unknown status is refused with the nearest valid ones. A status is written in the table's own
spelling (its emoji and word), keeping the person's qualifier: \`🟡 Running (v1)\` set to done
becomes \`✅ Done (v1)\`. Setting a column that sync owns prints a note.

Options:
  --expect col=value   write only if the cell still holds this value; else exit 3; repeatable
${writing}
${common}
  -h, --help           show this help

${exits}`,
  add: `Usage: trackdocs add TABLE col=value … [options]

Add a row in the table's own style (padding, alignment, status spelling), where the order of its
keys puts it (else at the end). A key that is already there is refused. A status tracker that
lacks the table gets its section from the template.

Options:
${writing}
${common}
  -h, --help           show this help

${exits}`,
  rm: `Usage: trackdocs rm TABLE KEY [options]

Remove a row. A row of Active Remote Jobs moves to Past Remote Jobs (with today as its Ended
date), as sync does; any other row is removed and printed.

Options:
${writing}
${common}
  -h, --help           show this help

${exits}`,
  log: `Usage: trackdocs log TEXT [--date YYYY-MM-DD] [options]

Add a bullet under the status tracker's Recent Work heading for the date (default today). The
date's heading is created when missing, in newest-first order.

Options:
  --date <YYYY-MM-DD>  the entry's date (default: today)
${writing}
${common}
  -h, --help           show this help

${exits}`,
  done: `Usage: trackdocs done TASK [--undo] [--cascade] [options]

Tick a task of the TODO list or roadmap (or any checklist), named by a piece of its text (any
case; it must match one task) or by a backticked path it names. An ambiguous name is refused with
the candidates. When every subtask of a parent is now done, that is said; --cascade ticks it too.

Options:
  --undo               untick instead (with --cascade, also untick ticked parents)
  --cascade            tick parents whose subtasks are now all done
${writing}
${common}
  -h, --help           show this help

${exits}`,
  apply: `Usage: trackdocs apply [options] < operations.json

Apply a JSON list of operations from stdin as one write: all of them, or none. Each operation is
an object:
  {"op": "set", "table": "milestones", "key": "M1", "values": {"status": "done"}, "expect": {"status": "in progress"}}
  {"op": "add", "table": "jobs", "values": {"instance": "28491023", "status": "running"}}
  {"op": "rm", "table": "jobs", "key": "28491023"}
  {"op": "log", "text": "Launched exp-b", "date": "2026-01-06"}
  {"op": "done", "task": "scripts/train.py", "undo": false, "cascade": true}
Operations on one document land in one atomic write; each is planned on the document as the ones
before it left it.

Options:
${writing}
${common}
  -h, --help           show this help

${exits}`,
};

const commonOptions = {
  file: { type: 'string', short: 'f', multiple: true },
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;
const writeOptions = {
  ...commonOptions,
  'dry-run': { type: 'boolean', default: false },
  'if-match': { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

function print(ctx: CommandContext, json: boolean, value: unknown): void {
  if (json) ctx.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function refuse(ctx: CommandContext, verb: string, json: boolean, e: unknown): number {
  if (!(e instanceof OperationError)) throw e;
  if (json) print(ctx, true, { ok: false, error: e.toJSON() });
  ctx.stderr.write(`trackdocs ${verb}: ${e.message}\n`);
  return e.kind === 'conflict' ? EXIT_CONFLICT : 2;
}

/** Print what perform did, in words or JSON; the exit code. */
function report(ctx: CommandContext, verb: string, json: boolean, outcome: PerformOutcome, dryRun: boolean): number {
  if (json) print(ctx, true, outcome);
  if (!outcome.ok) {
    if (!json) {
      for (const f of outcome.files) ctx.stdout.write(`${f.file}: written (${f.results.map((r) => r.summary).join('; ')})\n`);
      ctx.stderr.write(`trackdocs ${verb}: ${outcome.file ? `${outcome.file}: ` : ''}${outcome.error.message}\n`);
      if (outcome.files.length) ctx.stderr.write(`trackdocs ${verb}: the documents listed above were written before this refusal; the others were not\n`);
    }
    return outcome.exit;
  }
  for (const f of outcome.files) {
    for (const r of f.results) for (const n of r.notes) ctx.stderr.write(`trackdocs ${verb}: note: ${n}\n`);
    if (json) continue;
    if (dryRun) {
      if (f.diff) ctx.stdout.write(f.diff);
      ctx.stdout.write(`${f.file}: ${f.changed ? 'would write' : 'unchanged'}: ${f.results.map((r) => r.summary).join('; ')} (dry run: nothing written)\n`);
      continue;
    }
    for (const r of f.results) if (r.removed) ctx.stdout.write(`${r.removed}\n`);
    const how = f.written ? `written${f.attempts ? ' (planned again: the file changed meanwhile)' : ''}` : 'unchanged';
    ctx.stdout.write(`${f.file}: ${f.results.map((r) => r.summary).join('; ')}; ${how}\n`);
  }
  return 0;
}

async function write(ctx: CommandContext, verb: string, values: { file?: string[]; config?: string; json: boolean; 'dry-run': boolean; 'if-match'?: string; force: boolean }, ops: Operation[]): Promise<number> {
  const outcome = await perform(ops, { cwd: ctx.cwd, today: today(ctx.env), files: values.file, config: values.config, dryRun: values['dry-run'], ifMatch: values['if-match'], force: values.force });
  return report(ctx, verb, values.json, outcome, values['dry-run']);
}

function need(positionals: string[], count: number, usage: string): void {
  if (positionals.length < count) throw new UsageError(`expected ${usage}`);
}

export async function get(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.get, { ...commonOptions, where: { type: 'string', multiple: true } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 2) throw new UsageError(`expected TABLE [KEY], got ${positionals.length} arguments`);
  const { documents, unreadable } = await loadTargets(ctx.cwd, values.file, values.config);
  for (const u of unreadable) ctx.stderr.write(`trackdocs get: ${u}\n`);
  if (positionals.length === 0) {
    const listing = documents.map((d) => ({ file: d.source.display, kind: d.doc.kind, version: versionOf(d.source.bytes), tables: d.doc.tables.map(describeTable) }));
    if (values.json) print(ctx, true, { documents: listing });
    else for (const d of listing) ctx.stdout.write(`${d.file} (${d.kind}, version ${d.version})\n${d.tables.map((t) => `  ${t.kind.padEnd(12)} ${t.name} (line ${t.line}, ${t.rows} rows${t.key ? `, key ${t.key}` : ''})\n`).join('')}`);
    return 0;
  }
  try {
    const [name, key] = positionals as [string, string | undefined];
    const where = parseAssignments(values.where ?? [], '--where col=value');
    const { doc, table } = findTable(documents.map((d) => d.doc), name);
    const loaded = documents.find((d) => d.doc === doc)!;
    const rows = readRows(doc, table, key, where);
    const version = versionOf(loaded.source.bytes);
    if (values.json) {
      print(ctx, true, { file: loaded.source.display, version, table: describeTable(table), rows });
      return 0;
    }
    const header = doc.text.slice(table.raw.header.start, doc.lines.lineEnd(table.raw.delimiterLine));
    ctx.stdout.write(`${loaded.source.display}:${table.model.position.start.line} ${tableName(table)} (version ${version})\n${header}\n${rows.map((r) => r.markdown + '\n').join('')}`);
    if (rows.length === 0) ctx.stderr.write('trackdocs get: no rows match\n');
    return 0;
  } catch (e) {
    return refuse(ctx, 'get', values.json, e);
  }
}

export async function set(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.set, { ...writeOptions, expect: { type: 'string', multiple: true } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  need(positionals, 3, 'TABLE KEY col=value …');
  try {
    const [table, key, ...pairs] = positionals as [string, string, ...string[]];
    const op: Operation = { op: 'set', table, key, values: parseAssignments(pairs) };
    if (values.expect?.length) op.expect = parseAssignments(values.expect, '--expect col=value');
    return await write(ctx, 'set', values, [op]);
  } catch (e) {
    return refuse(ctx, 'set', values.json, e);
  }
}

export async function add(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.add, writeOptions);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  need(positionals, 2, 'TABLE col=value …');
  try {
    const [table, ...pairs] = positionals as [string, ...string[]];
    return await write(ctx, 'add', values, [{ op: 'add', table, values: parseAssignments(pairs) }]);
  } catch (e) {
    return refuse(ctx, 'add', values.json, e);
  }
}

export async function rm(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.rm, writeOptions);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new UsageError('expected TABLE KEY');
  return await write(ctx, 'rm', values, [{ op: 'rm', table: positionals[0]!, key: positionals[1]! }]).catch((e) => refuse(ctx, 'rm', values.json, e));
}

export async function log(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.log, { ...writeOptions, date: { type: 'string' } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  need(positionals, 1, 'TEXT');
  const op: Operation = { op: 'log', text: positionals.join(' '), date: values.date ?? today(ctx.env) };
  return await write(ctx, 'log', values, [op]).catch((e) => refuse(ctx, 'log', values.json, e));
}

export async function done(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, helps.done, { ...writeOptions, undo: { type: 'boolean', default: false }, cascade: { type: 'boolean', default: false } });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  need(positionals, 1, 'TASK');
  const op: Operation = { op: 'done', task: positionals.join(' '), undo: values.undo, cascade: values.cascade };
  return await write(ctx, 'done', values, [op]).catch((e) => refuse(ctx, 'done', values.json, e));
}

/** Read stdin to the end (the bin's process.stdin; tests pass input through the child's stdin). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Check the shape of operations read from JSON; a message naming the first bad one. */
export function checkOperations(value: unknown): Operation[] {
  if (!Array.isArray(value)) throw new OperationError('invalid', 'apply reads a JSON list of operations, e.g. [{"op": "set", "table": "milestones", "key": "M1", "values": {"status": "done"}}]');
  const str = (v: unknown) => typeof v === 'string';
  const strings = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');
  value.forEach((op: Record<string, unknown>, i) => {
    const bad = (what: string) => new OperationError('invalid', `operation ${i + 1} (${JSON.stringify(op)}): ${what}; nothing written`);
    if (typeof op !== 'object' || op === null) throw bad('not an object');
    switch (op.op) {
      case 'set':
        if (!str(op.table) || !str(op.key) || !strings(op.values) || (op.expect !== undefined && !strings(op.expect))) throw bad('set needs table, key and values (an object of strings), optionally expect');
        break;
      case 'add':
        if (!str(op.table) || !strings(op.values)) throw bad('add needs table and values');
        break;
      case 'rm':
        if (!str(op.table) || !str(op.key)) throw bad('rm needs table and key');
        break;
      case 'log':
        if (!str(op.text) || (op.date !== undefined && !str(op.date))) throw bad('log needs text, optionally date');
        break;
      case 'done':
        if (!str(op.task)) throw bad('done needs task, optionally undo and cascade');
        break;
      default:
        throw bad('op must be one of set, add, rm, log, done');
    }
    for (const k of ['values', 'expect'] as const) if (op[k]) op[k] = Object.fromEntries(Object.entries(op[k] as object).map(([c, v]) => [c, String(v)]));
  });
  return value as Operation[];
}

/** Operations with their default date filled in. */
export const withDates = (ops: Operation[], day: string): Operation[] => ops.map((o) => (o.op === 'log' && !o.date ? { ...o, date: day } : o));

export async function apply(ctx: CommandContext & { stdin?: () => Promise<string> }): Promise<number> {
  const parsed = parseCommand(ctx, helps.apply, writeOptions);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length) throw new UsageError('apply takes no arguments; it reads the operations from stdin');
  try {
    const input = await (ctx.stdin ?? readStdin)();
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new OperationError('invalid', `stdin is not JSON: ${(e as Error).message}`);
    }
    const ops = withDates(checkOperations(json), today(ctx.env));
    if (ops.length === 0) throw new OperationError('invalid', 'the list of operations is empty');
    return await write(ctx, 'apply', values, ops);
  } catch (e) {
    return refuse(ctx, 'apply', values.json, e);
  }
}

/** Each verb as a command module ({ run, help }). */
export const commands = {
  get: { run: get, help: helps.get },
  set: { run: set, help: helps.set },
  add: { run: add, help: helps.add },
  rm: { run: rm, help: helps.rm },
  log: { run: log, help: helps.log },
  done: { run: done, help: helps.done },
  apply: { run: apply, help: helps.apply },
};
