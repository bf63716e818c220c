/**
 * The agents' verbs as pure functions: an operation (set these cells, add this row, tick this
 * task) on a parsed document in, planned edits out, validated before anything is written. Each
 * operation is planned on the document as the previous one left it, so a list of operations
 * applied at once equals applying them one by one; the last step sets Last updated to today when
 * anything changed. Nothing here reads files or the clock: `today` is passed in.
 */
import type { Edit } from '../core/diagnostic.js';
import { applyEdits } from '../edit/apply.js';
import { readStatus, rewriteStatus, formatStatus, statusStyle, describeVocabulary, type Vocabulary } from '../core/status.js';
import { isEmptyCell } from '../core/cells.js';
import { parseMarkdown } from '../core/markdown.js';
import { extractTables, type Cell } from '../core/table.js';
import { LineIndex } from '../core/text.js';
import { parseDocument, type ModelOptions, type ParsedDocument, type TypedTable } from '../model/parse.js';
import { findSection, foldTitle } from '../model/sections.js';
import type { TaskModel, TrackerModel, ChecklistModel, MarkdownModel, ChecklistSection } from '../model/types.js';
import { TableEditor, cellSource } from '../edit/table-editor.js';
import { archiveRows } from '../edit/archive.js';
import { insertSection, insertLineAfter } from '../edit/sections.js';
import { tickTask } from '../edit/tasks.js';
import { rowObject } from '../model/row-object.js';
import { OperationError } from './errors.js';
import { didYouMean, findColumn, findRow, findTable, tableName, tablesNamed } from './names.js';

/** One operation, as `trackdocs apply` reads it from JSON and the MCP tools take it. */
export type Operation =
  | { op: 'set'; table: string; key: string; values: Record<string, string>; expect?: Record<string, string> }
  | { op: 'add'; table: string; values: Record<string, string> }
  | { op: 'rm'; table: string; key: string }
  | { op: 'log'; text: string; date?: string }
  | { op: 'done'; task: string; undo?: boolean; cascade?: boolean };

export const operationNames = ['set', 'add', 'rm', 'log', 'done'] as const;

/** What an operation did, for the CLI's and the MCP server's answers. */
export interface OperationResult {
  op: Operation['op'];
  /** A one-line account: `M1 (Baseline): status 🟡 In Progress → ✅ Complete`. */
  summary: string;
  /** False when the document already held what was asked. */
  changed: boolean;
  table?: string;
  key?: string;
  /** Cells written: column, old and new markdown. */
  cells?: { column: string; from: string; to: string }[];
  /** With rm: the removed row's markdown. */
  removed?: string;
  /** With done: the tasks ticked or unticked (their text). */
  tasks?: string[];
  /** Things the caller should know (a sync-owned column; a parent whose children are all done). */
  notes: string[];
}

export interface PlanContext {
  today: string;
  model: ModelOptions;
  /** Documents already parsed from a text (validation parses the planned text; the next step reuses it). */
  parsed?: Map<string, ParsedDocument>;
  /** The status tracker template's text, for sections a document lacks (asked for only then). */
  trackerTemplate?: () => string | undefined;
}

export interface Applied {
  text: string;
  doc: ParsedDocument;
  results: OperationResult[];
  changed: boolean;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function reparse(doc: ParsedDocument, text: string, ctx: PlanContext): ParsedDocument {
  const cached = ctx.parsed?.get(text);
  if (cached && cached.path === doc.path && cached.kind === doc.kind) return cached;
  const next = parseDocument(text, doc.path, doc.kind, ctx.model);
  if (doc.storage) next.storage = doc.storage;
  ctx.parsed?.set(text, next);
  return next;
}

function splice(doc: ParsedDocument, edits: Edit[]): string {
  const { text, skipped, mismatched } = applyEdits(doc.text, edits);
  if (skipped.length || mismatched.length) throw new Error(`planned edits of ${doc.path} overlap or do not match the text they replace; nothing written. Please report this with the file`);
  return text;
}

/**
 * Apply operations one after another; the result's text has Last updated set to today when
 * anything changed. A planned text is parsed only when another operation needs it: the Last updated
 * edit is found on the document as read and carried through the edits before it.
 */
export function applyOperations(doc: ParsedDocument, ops: Operation[], context: PlanContext): Applied {
  const ctx = { ...context, parsed: new Map<string, ParsedDocument>() };
  let base = doc;
  let text = doc.text;
  let stamp = lastUpdatedEdit(doc, ctx.today);
  let stampLost = false;
  const results: OperationResult[] = [];
  for (const op of ops) {
    const current = text === base.text ? base : (base = reparse(base, text, ctx));
    const planned = planOperation(current, op, ctx);
    results.push(planned.result);
    if (!planned.edits.length) continue;
    text = splice(current, planned.edits);
    if (stamp && !stampLost) {
      let shift = 0;
      for (const e of planned.edits) {
        if (e.end <= stamp.start && !(e.start === e.end && e.start === stamp.start && stamp.start !== stamp.end)) shift += e.text.length - (e.end - e.start);
        else if (e.start < stamp.end) stampLost = true;
      }
      stamp = { ...stamp, start: stamp.start + shift, end: stamp.end + shift };
    }
  }
  if (text === doc.text) return { text, doc, results, changed: false };
  if (stampLost) stamp = lastUpdatedEdit(reparse(base, text, ctx), ctx.today);
  if (stamp && text.slice(stamp.start, stamp.end) === stamp.expect) text = text.slice(0, stamp.start) + stamp.text + text.slice(stamp.end);
  const final = text;
  let parsed: ParsedDocument | undefined;
  // The written document is parsed only when someone asks for it.
  return { text: final, results, changed: true, get doc() { return (parsed ??= reparse(base, final, ctx)); } };
}

/** The edit that sets the document's Last updated date to today (the tracker's line, or a `Last updated:` line above the first section). */
export function lastUpdatedEdit(doc: ParsedDocument, today: string): Edit | undefined {
  if (doc.model.kind === 'tracker' || doc.model.kind === 'template') {
    const at = (doc.model as TrackerModel).lastUpdated;
    if (!at || at.value === today) return undefined;
    return { start: at.position.start.offset, end: at.position.end.offset, text: today, expect: at.value };
  }
  const firstSection = /^##\s/m.exec(doc.text)?.index ?? doc.text.length;
  const m = /^(?:[*_]{0,2})Last updated(?:[*_]{0,2})\s*:?\s*(?:[*_]{0,2})\s*(\d{4}-\d{2}-\d{2})/im.exec(doc.text.slice(0, firstSection));
  if (!m || m[1] === today) return undefined;
  const start = m.index + m[0].length - m[1]!.length;
  return { start, end: start + 10, text: today, expect: m[1] };
}

export function planOperation(doc: ParsedDocument, op: Operation, ctx: PlanContext): { edits: Edit[]; result: OperationResult } {
  switch (op.op) {
    case 'set':
      return planSet(doc, op, ctx);
    case 'add':
      return planAdd(doc, op, ctx);
    case 'rm':
      return planRm(doc, op, ctx);
    case 'log':
      return planLog(doc, op);
    case 'done':
      return planDone(doc, op);
    default:
      throw new OperationError('invalid', `unknown operation ${JSON.stringify((op as { op?: unknown }).op)}; expected one of ${operationNames.join(', ')}`, { candidates: [...operationNames] });
  }
}

// ---------------------------------------------------------------------------------------- cells

/** The statuses a table accepts (its vocabulary's, and its legend's). */
export function validStatuses(table: TypedTable): string[] {
  return table.vocabulary ? Object.keys(table.vocabulary) : [];
}

/** Read a status value against the table's vocabulary; refused with did-you-mean when unknown. */
function readStatusValue(table: TypedTable, value: string): { status: string; qualifier?: string } {
  const vocabulary = table.vocabulary!;
  const reading = readStatus(value, vocabulary);
  if (reading.ok) return { status: reading.status, qualifier: reading.qualifier };
  const words = Object.entries(vocabulary).flatMap(([k, t]) => [k, ...t.words]);
  const candidates = didYouMean(value.replace(/[^\p{L}\p{N} -]/gu, '').trim() || value, words);
  const why = reading.reason === 'conflict' ? `its emoji and its word disagree (${reading.candidates?.join(' / ')})` : reading.reason === 'empty' ? 'it is empty' : 'no status of this table is spelled so';
  throw new OperationError('invalid', `"${value}" is not a status of ${tableName(table)}: ${why}.${candidates.length ? ` Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?` : ''} Valid: ${describeVocabulary(vocabulary)}`, { candidates: candidates.length ? candidates : Object.keys(vocabulary) });
}

function columnCells(table: TypedTable, column: number): string[] {
  return table.raw.rows.map((r) => r.cells[column]?.source ?? '');
}

/** The markdown a value becomes in a column: a status in the table's spelling, a percentage with its sign, else the value as markdown. */
function cellFor(table: TypedTable, column: number, value: string, old: string | undefined): string {
  if (column === table.statusIndex && table.vocabulary) {
    const vocabulary: Vocabulary = table.vocabulary;
    const { status, qualifier } = readStatusValue(table, value);
    const style = statusStyle(columnCells(table, column), vocabulary);
    // The person's qualifier stays unless the value brings its own.
    if (qualifier) return cellSource(`${formatStatus(status, vocabulary, style)} (${qualifier})`);
    if (old !== undefined && !isEmptyCell(old)) {
      const before = readStatus(old, vocabulary);
      if (before.ok && before.status === status) return old;
      return cellSource(rewriteStatus(old, status, vocabulary, style));
    }
    return cellSource(formatStatus(status, vocabulary, style));
  }
  const name = table.model.columns[column]!.name;
  const percent = name === 'progress' || /^(?:progress|%|percent|completion)$/i.test(table.model.columns[column]!.header.trim());
  if (percent && /^-?\d+(?:\.\d+)?$/.test(value.trim()) && columnCells(table, column).some((c) => /%\s*$/.test(c))) return `${value.trim()}%`;
  return cellSource(value);
}

/** Whether a cell holds a value: the same status, or the same text or markdown (case and spacing aside). */
export function cellHolds(table: TypedTable, column: number, row: number, value: string): boolean {
  const cell = table.raw.rows[row]!.cells[column];
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  if (column === table.statusIndex && table.vocabulary) {
    const want = readStatus(value, table.vocabulary);
    const have = table.statusReadings[row];
    if (want.ok && have?.ok) return want.status === have.status;
  }
  if (!cell) return value.trim() === '';
  return fold(cell.text) === fold(value) || fold(cell.source) === fold(value);
}

/** The schema's complaints about one row of a table, by column (`row` for the whole row). */
function rowErrors(table: TypedTable, row: number): Map<string, string> {
  const out = new Map<string, string>();
  if (!table.spec) return out;
  const validate = table.spec.validate;
  if (validate(rowObject(table, row))) return out;
  for (const err of validate.errors ?? []) {
    const column = err.keyword === 'required' ? String(err.params.missingProperty) : (err.instancePath.split('/')[1] ?? 'row');
    const spec = table.spec.columns.find((c) => c.name === column);
    const expected = spec?.format ? `expected ${spec.format}` : err.keyword === 'required' ? 'it is required' : (err.message ?? err.keyword);
    out.set(column, expected);
  }
  return out;
}

/** Table cells (with their plain text) read from markdown, by parsing a one-row table of them. */
function cellsOf(markdowns: string[]): Cell[] {
  const text = `|${markdowns.map(() => ' h ').join('|')}|\n|${markdowns.map(() => '---').join('|')}|\n|${markdowns.map((m) => ` ${m} `).join('|')}|\n`;
  const table = extractTables(parseMarkdown(text), text, new LineIndex(text))[0];
  return table?.rows[0]?.cells ?? [];
}

/**
 * Refuse values the row schema rejects: the row as it will be (`cells`, every cell's markdown) is
 * validated, and a complaint about a column the operation touched (or, for a new row, a required
 * one) that the row did not have before refuses the operation.
 */
function validateRow(table: TypedTable, row: number, cells: string[], columns: number[], creating = false): void {
  if (!table.spec) return;
  const parsed = cellsOf(cells);
  const rows = [...table.raw.rows];
  const readings = [...table.statusReadings];
  const status = table.statusIndex >= 0 && table.vocabulary ? readStatus(parsed[table.statusIndex]?.source ?? '', table.vocabulary) : undefined;
  if (creating) {
    rows.splice(row, 0, { ...table.raw.rows[0]!, cells: parsed });
    readings.splice(row, 0, status);
  } else {
    rows[row] = { ...rows[row]!, cells: parsed };
    readings[row] = status;
  }
  const next: TypedTable = { ...table, raw: { ...table.raw, rows }, statusReadings: readings };
  const old = creating ? new Map<string, string>() : rowErrors(table, row);
  const now = rowErrors(next, row);
  const touched = new Set(columns.map((c) => table.columnOf[c]).filter((c): c is string => !!c));
  for (const [column, why] of now) {
    if (old.has(column) || (!touched.has(column) && !(creating && table.spec.required.includes(column)))) continue;
    const at = table.columnOf.indexOf(column);
    const cell = parsed[at];
    const header = table.raw.header.cells[at]?.text ?? column;
    throw new OperationError('invalid', `${header} ${cell?.text ? `"${cell.text}" ` : ''}is not valid in ${tableName(table)}: ${why}`, {});
  }
}

/** Parse `col=value` pairs. */
export function parseAssignments(pairs: string[], what = 'col=value'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const at = p.indexOf('=');
    if (at <= 0) throw new OperationError('invalid', `"${p}" is not ${what}`, {});
    out[p.slice(0, at).trim()] = p.slice(at + 1);
  }
  return out;
}

function sourceOwnedNote(table: TypedTable, column: number): string | undefined {
  const name = table.columnOf[column];
  const spec = name ? table.spec?.columns.find((c) => c.name === name) : undefined;
  if (spec?.owner !== 'source' || table.spec?.kind !== 'jobs') return undefined;
  return `${table.raw.header.cells[column]!.text} is a column \`trackdocs sync\` owns: the next sync may write vastai's value over it`;
}

// ------------------------------------------------------------------------------------------ set

/** A table inside a block quote or a list item is read, never written (as sync leaves it alone). */
function writable(table: TypedTable): TypedTable {
  if (table.raw.container) throw new OperationError('unsupported', `the table ${tableName(table)} is inside a ${table.raw.container === 'blockquote' ? 'block quote' : 'list item'}; trackdocs reads it but does not write it. Move it out to change it with trackdocs`);
  return table;
}

function planSet(doc: ParsedDocument, op: Extract<Operation, { op: 'set' }>, ctx: PlanContext) {
  const table = writable(findTable([doc], op.table).table);
  const row = findRow(table, op.key);
  const key = table.model.rows[row]!.key ?? op.key;
  for (const [name, value] of Object.entries(op.expect ?? {})) {
    const column = findColumn(table, name);
    // An expected status must be a status (did-you-mean otherwise); an empty expectation means an empty cell.
    if (column === table.statusIndex && table.vocabulary && value.trim() && !isEmptyCell(value)) readStatusValue(table, value);
    if (!cellHolds(table, column, row, value)) {
      const current = table.raw.rows[row]!.cells[column]?.source ?? '';
      throw new OperationError('conflict', `${key}: ${table.raw.header.cells[column]!.text} is "${current}", not "${value}" as expected; nothing written. Read the row again (trackdocs get) and decide`, { current, expected: value });
    }
  }
  const editor = new TableEditor(doc.text, doc.lines, table.raw);
  const cells: OperationResult['cells'] = [];
  const notes: string[] = [];
  const touched: number[] = [];
  const entries = Object.entries(op.values);
  if (entries.length === 0) throw new OperationError('invalid', 'nothing to set: give col=value pairs');
  for (const [name, value] of entries) {
    const column = findColumn(table, name);
    const old = table.raw.rows[row]!.cells[column]?.source;
    const next = cellFor(table, column, value, old);
    touched.push(column);
    if (next === (old ?? '')) continue;
    editor.setCell(row, column, next);
    cells.push({ column: table.raw.header.cells[column]!.text, from: old ?? '', to: next });
    const note = sourceOwnedNote(table, column);
    if (note) notes.push(note);
  }
  const edits = editor.edits();
  if (edits.length) validateRow(table, row, table.model.columns.map((_, i) => editor.cell(row, i)), touched);
  const summary = cells.length ? `${key}: ${cells.map((c) => `${c.column} ${c.from || '(empty)'} → ${c.to}`).join('; ')}` : `${key}: already so`;
  return { edits, result: { op: 'set' as const, summary, changed: edits.length > 0, table: tableName(table), key, cells, notes } };
}

// ------------------------------------------------------------------------------------------ add

/** Where a new key goes when the table's keys are in order (numbers in keys compare as numbers); else at the end. */
function insertionIndex(keys: string[], key: string): number {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const filled = keys.filter(Boolean);
  if (filled.length < 2) return keys.length;
  const asc = filled.every((k, i) => i === 0 || collator.compare(filled[i - 1]!, k) <= 0);
  const desc = filled.every((k, i) => i === 0 || collator.compare(filled[i - 1]!, k) >= 0);
  if (asc === desc) return keys.length;
  const at = keys.findIndex((k) => k && (asc ? collator.compare(k, key) > 0 : collator.compare(k, key) < 0));
  return at < 0 ? keys.length : at;
}

/** A section from the tracker template holding an empty table of `kind`, placed in the template's order. */
function sectionFromTemplate(doc: ParsedDocument, name: string, ctx: PlanContext): Edit | undefined {
  const templateText = doc.kind === 'tracker' || doc.kind === 'template' ? ctx.trackerTemplate?.() : undefined;
  if (!templateText) return undefined;
  const template = parseDocument(templateText, 'template', 'tracker', ctx.model);
  const table = tablesNamed(template, name)[0];
  if (!table) return undefined;
  const sectionIndex = template.sections.findIndex((s) => s.start <= table.raw.start && table.raw.start < s.end && s.title === table.raw.heading);
  const section = template.sections[sectionIndex];
  if (!section) return undefined;
  const header = template.text.slice(section.start, template.lines.lineEnd(table.raw.delimiterLine));
  // Before the first section that follows it in the template and that the document has.
  const following = template.sections.slice(sectionIndex + 1).filter((s) => s.depth <= section.depth);
  const before = following.map((s) => findSection(doc.sections, s.title)).find((s) => s && s.depth <= section.depth);
  return insertSection(doc.text, doc.lines, before?.start ?? doc.text.length, header.replace(/\r\n?/g, '\n'));
}

function planAdd(doc: ParsedDocument, op: Extract<Operation, { op: 'add' }>, ctx: PlanContext): { edits: Edit[]; result: OperationResult } {
  let found: { table: TypedTable } | undefined;
  try {
    found = findTable([doc], op.table);
  } catch (e) {
    if (!(e instanceof OperationError) || e.kind !== 'not-found') throw e;
    const created = sectionFromTemplate(doc, op.table, ctx);
    if (!created) throw e;
    // Create the section, then add the row to the new table.
    const withSection = reparse(doc, splice(doc, [created]), ctx);
    const inner = planAdd(withSection, op, ctx);
    const text = splice(withSection, inner.edits);
    const whole = { start: 0, end: doc.text.length, text, expect: doc.text };
    inner.result.notes.push(`the document had no ${op.table} table: added the section from the template`);
    return { edits: [minimalEdit(doc.text, whole.text)], result: inner.result };
  }
  const table = writable(found.table);
  const names = table.model.columns;
  const values = new Map<number, string>();
  for (const [name, value] of Object.entries(op.values)) values.set(findColumn(table, name), value);
  const keyIndex = table.model.key ? names.findIndex((c) => c.name === table.model.key) : -1;
  const key = keyIndex >= 0 ? values.get(keyIndex)?.trim() : undefined;
  if (keyIndex >= 0 && !key) throw new OperationError('invalid', `a new row of ${tableName(table)} needs its key: ${names[keyIndex]!.header}=…`, { candidates: [names[keyIndex]!.header] });
  if (key && table.model.rows.some((r) => (r.key ?? '').toLowerCase() === key.toLowerCase())) {
    throw new OperationError('duplicate', `${tableName(table)} already has a row ${key}; use \`trackdocs set\` to change it`, { current: key });
  }
  const cells = names.map((_, i) => (values.has(i) ? cellFor(table, i, values.get(i)!, undefined) : ''));
  const editor = new TableEditor(doc.text, doc.lines, table.raw);
  const at = key ? insertionIndex(table.model.rows.map((r) => r.key ?? ''), key) : table.raw.rows.length;
  editor.insertRow(at, cells);
  const edits = editor.edits();
  validateRow(table, at, cells, [...values.keys()], true);
  const notes = [...values.keys()].map((c) => sourceOwnedNote(table, c)).filter((n): n is string => !!n).slice(0, 1);
  return { edits, result: { op: 'add' as const, summary: `${tableName(table)}: added ${key ?? 'a row'}`, changed: true, table: tableName(table), key, cells: cells.map((c, i) => ({ column: names[i]!.header, from: '', to: c })).filter((c) => c.to), notes } };
}

/** One edit from `before` to `after`: the span between their common prefix and suffix. */
function minimalEdit(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end), expect: before.slice(start, before.length - end) };
}

// ------------------------------------------------------------------------------------------- rm

function planRm(doc: ParsedDocument, op: Extract<Operation, { op: 'rm' }>, ctx: PlanContext) {
  const table = writable(findTable([doc], op.table).table);
  const row = findRow(table, op.key);
  const raw = table.raw.rows[row]!;
  const key = table.model.rows[row]!.key ?? op.key;
  const removed = doc.text.slice(raw.start, raw.end);
  const editor = new TableEditor(doc.text, doc.lines, table.raw);
  editor.deleteRow(row);
  const edits = editor.edits();
  const model = doc.model as TrackerModel;
  const notes: string[] = [];
  let summary = `${tableName(table)}: removed ${key}`;
  if (doc.model.kind === 'tracker' && table.model === model.jobs) {
    const past = doc.tables.find((t) => t.model === model.pastJobs);
    if (past?.raw.container) throw new OperationError('unsupported', `the Past Remote Jobs table is inside a ${past.raw.container}, which trackdocs leaves alone; move it out first`);
    edits.push(...archiveRows(doc, table, past, [raw.cells.map((c) => c.source)], ctx.today));
    summary = `${tableName(table)}: moved ${key} to Past Remote Jobs`;
  }
  return { edits, result: { op: 'rm' as const, summary, changed: true, table: tableName(table), key, removed, notes } };
}

// ------------------------------------------------------------------------------------------ log

function planLog(doc: ParsedDocument, op: Extract<Operation, { op: 'log' }>) {
  if (doc.model.kind !== 'tracker') throw new OperationError('unsupported', `${doc.path} is not a status tracker; \`log\` writes to a tracker's Recent Work`);
  const text = op.text.replace(/\r\n|\r|\n/g, ' ').trim();
  if (!text) throw new OperationError('invalid', 'nothing to log: give the entry text');
  const date = op.date ?? '';
  if (!isoDate.test(date)) throw new OperationError('invalid', `--date ${date || '(none)'} is not a date (YYYY-MM-DD)`);
  const model = doc.model as TrackerModel;
  const recent = findSection(doc.sections, 'Recent Work', 'Changelog', 'Log');
  const result = { op: 'log' as const, summary: `Recent Work ${date}: ${text}`, changed: true, notes: [] as string[] };
  if (!recent) {
    const before = findSection(doc.sections, 'Active Blockers', 'Blockers', 'Notes for Agents');
    return { edits: [insertSection(doc.text, doc.lines, before?.start ?? doc.text.length, `## Recent Work\n\n### ${date}\n- ${text}`)], result };
  }
  const dateOf = (v: string) => /\d{4}-\d{2}-\d{2}/.exec(v)?.[0] ?? '';
  const entry = model.recentWork.find((e) => dateOf(e.date.value) === date);
  if (entry) {
    const last = entry.items[entry.items.length - 1];
    if (last) {
      const marker = /^[-*+]/.exec(doc.text.slice(last.position.start.offset))?.[0] ?? '-';
      const indent = doc.text.slice(doc.lines.lineStart(last.position.start.line), last.position.start.offset);
      return { edits: [insertLineAfter(doc.lines, last.position.end.line, `${indent}${marker} ${text}`)], result };
    }
    const headingLine = doc.lines.point(entry.position.start.offset).line;
    return { edits: [insertLineAfter(doc.lines, headingLine, `- ${text}`)], result };
  }
  const depth = doc.sections.find((s) => s.start > recent.start && s.start < recent.end && s.depth === recent.depth + 1)?.depth ?? recent.depth + 1;
  const older = model.recentWork.find((e) => dateOf(e.date.value) && dateOf(e.date.value) < date);
  const at = older ? older.position.start.offset : recent.end;
  return { edits: [insertSection(doc.text, doc.lines, at, `${'#'.repeat(depth)} ${date}\n- ${text}`)], result };
}

// ----------------------------------------------------------------------------------------- done

interface TaskAt {
  task: TaskModel;
  parent?: TaskAt;
  section: ChecklistSection;
}

function allTasks(doc: ParsedDocument): TaskAt[] {
  const model = doc.model as TrackerModel | ChecklistModel | MarkdownModel;
  const sections: ChecklistSection[] = model.kind === 'todo' || model.kind === 'roadmap' ? model.sections : 'checklists' in model ? model.checklists : [];
  const out: TaskAt[] = [];
  const walk = (tasks: TaskModel[], section: ChecklistSection, parent?: TaskAt) => {
    for (const task of tasks) {
      const at: TaskAt = { task, parent, section };
      out.push(at);
      walk(task.children, section, at);
    }
  };
  for (const s of sections) walk(s.tasks, s);
  return out;
}

/** The tasks a query picks: the one whose text is the query, else those containing it (any case), or naming it as a backticked path. */
export function matchTasks(doc: ParsedDocument, query: string): TaskAt[] {
  const q = query.trim().replace(/^`|`$/g, '').toLowerCase();
  const tasks = allTasks(doc);
  const plain = (t: TaskModel) => t.text.replace(/[*_`]/g, '').toLowerCase();
  const exact = tasks.filter((t) => plain(t.task).trim() === q || t.task.text.toLowerCase().trim() === q);
  if (exact.length) return exact;
  return tasks.filter((t) => t.task.text.toLowerCase().includes(q) || plain(t.task).includes(q) || t.task.paths.some((p) => p.value.toLowerCase() === q));
}

export const taskLabel = (doc: ParsedDocument, t: TaskModel) => `${doc.path}:${t.position.start.line} ${t.text.length > 90 ? t.text.slice(0, 87) + '…' : t.text}`;

function planDone(doc: ParsedDocument, op: Extract<Operation, { op: 'done' }>) {
  const matches = matchTasks(doc, op.task);
  if (matches.length === 0) {
    const candidates = didYouMean(op.task, allTasks(doc).map((t) => t.task.text.replace(/[*_`]/g, '')), 3);
    throw new OperationError('not-found', `no task matches "${op.task}" in ${doc.path} (a task is matched by a piece of its text, any case, or by a backticked path it names)`, { candidates });
  }
  if (matches.length > 1) {
    const candidates = matches.map((m) => taskLabel(doc, m.task));
    throw new OperationError('ambiguous', `"${op.task}" matches ${matches.length} tasks; give more of the text:\n  ${candidates.join('\n  ')}`, { candidates });
  }
  const target = matches[0]!;
  if (target.task.mark === null) throw new OperationError('unsupported', `${taskLabel(doc, target.task)} has no checkbox; its state comes from its heading`);
  const doneMark = mostUsedDoneMark(doc);
  const edits: Edit[] = [];
  const tasks: string[] = [];
  const notes: string[] = [];
  const tick = (t: TaskModel, undo: boolean) => {
    const edit = tickTask(doc.text, t.position.start.offset, undo ? ' ' : doneMark);
    if (edit) {
      edits.push(edit);
      tasks.push(t.text);
    }
  };
  const undo = op.undo === true;
  tick(target.task, undo);
  // The checklist rules: a parent whose children are now all done (or, undoing, a ticked parent with a child open again).
  const done = (t: TaskModel) => t.checked || t.state === 'cancelled' || t.state === 'not-applicable';
  const settled = new Set<TaskModel>([target.task]);
  const isDone = (t: TaskModel) => (settled.has(t) ? !undo : done(t));
  for (let p = target.parent; p; p = p.parent) {
    const parent = p.task;
    if (p.task.mark === null) break;
    if (!undo && !parent.checked && parent.children.every(isDone)) {
      if (op.cascade) {
        tick(parent, false);
        settled.add(parent);
      } else {
        notes.push(`every subtask of "${parent.text}" (line ${parent.position.start.line}) is now done; tick it too, or run again with --cascade`);
        break;
      }
    } else if (undo && parent.checked) {
      if (op.cascade) {
        tick(parent, true);
        settled.add(parent);
      } else {
        notes.push(`"${parent.text}" (line ${parent.position.start.line}) is ticked but this subtask is open again; untick it too, or run again with --cascade`);
        break;
      }
    } else break;
  }
  const summary = edits.length ? `${undo ? 'reopened' : 'ticked'} ${tasks.map((t) => `"${t}"`).join(', ')}` : `"${target.task.text}" is already ${undo ? 'open' : 'done'}`;
  return { edits, result: { op: 'done' as const, summary, changed: edits.length > 0, tasks, notes } };
}

/** The done mark the document writes most (`x`, `X`, `✓`); `x` when it has none. */
function mostUsedDoneMark(doc: ParsedDocument): string {
  const counts = new Map<string, number>();
  for (const { task } of allTasks(doc)) if (task.checked && task.mark) counts.set(task.mark, (counts.get(task.mark) ?? 0) + 1);
  let best = 'x';
  for (const [mark, n] of counts) if (n > (counts.get(best) ?? 0)) best = mark;
  return best;
}

/** The section titles of a document, folded, for `log` and section lookups. */
export const hasSection = (doc: ParsedDocument, title: string) => doc.sections.some((s) => foldTitle(s.title) === foldTitle(title));
