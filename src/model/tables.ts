/**
 * Every table as data. A table whose heading or header matches a table kind (the built-in
 * milestones, steps and jobs, or a collection declared in the config) gets that kind's schema:
 * canonical columns, a key, a status column and row validation. Every other table is `generic`: its
 * columns are named by their headers, its key column is inferred, and a `Status` or `State` column
 * is still read as statuses.
 */
import type { LineIndex } from '../core/text.js';
import type { RawTable, Cell } from '../core/table.js';
import { foldHeader, type TableSpec } from '../core/schemas.js';
import { readStatus, type Vocabulary, type StatusReading } from '../core/status.js';
import { foldTitle } from './sections.js';
import type { RowModel, CellModel, TableModel, ColumnModel } from './types.js';

/** The vocabularies of one document: the config's, with the document's legend applied. */
export interface DocumentVocabularies {
  progress: Vocabulary;
  job: Vocabulary;
  /** Statuses a legend added that no schema enum knows: valid in this document. */
  legendStatuses: Set<string>;
}

/** A table with the spec it was matched to and each header's canonical column. */
export interface TypedTable {
  raw: RawTable;
  spec?: TableSpec;
  /** Canonical column name per header cell (null: a column the schema does not know, or no schema). */
  columnOf: (string | null)[];
  model: TableModel;
  /** Index of the column read as statuses, or -1. */
  statusIndex: number;
  /** Status readings per body row (undefined when the table has no status column). */
  statusReadings: (StatusReading | undefined)[];
  /** The vocabulary the status column was read with. */
  vocabulary?: Vocabulary;
  /** Statuses the document's legend adds beyond the schema's enum: valid here. */
  legendStatuses: Set<string>;
  /** How messages name the table: its heading, else its schema title. */
  name: string;
}

export const headingMatches = (heading: string, pattern: string | RegExp) => (typeof pattern === 'string' ? foldTitle(pattern) === foldTitle(heading) : pattern.test(heading));

/** The spec a table matches: collections by their heading and/or header names, built-ins by heading, or by key and status headers. */
export function matchSpec(raw: RawTable, specs: TableSpec[]): TableSpec | undefined {
  const heading = raw.heading ?? '';
  const headers = raw.header.cells.map((c) => foldHeader(c.text));
  const has = (spec: TableSpec, name: string) => spec.columns.find((c) => c.name === name)?.aliases.some((a) => headers.includes(foldHeader(a)));
  const hasHeader = (spec: TableSpec, header: string) => {
    const column = spec.columns.find((c) => c.name === header || c.aliases.some((a) => foldHeader(a) === foldHeader(header)));
    return column ? has(spec, column.name) : headers.includes(foldHeader(header));
  };
  for (const spec of specs) {
    if (!spec.headers) continue; // a collection: its heading and/or its headers decide
    const byHeading = spec.headings.length === 0 || spec.headings.some((h) => headingMatches(heading, h));
    const byHeaders = spec.headers.length === 0 || spec.headers.every((h) => hasHeader(spec, h));
    if (byHeading && byHeaders) return spec;
  }
  const builtins = specs.filter((s) => !s.headers);
  return builtins.find((s) => s.headings.some((h) => headingMatches(heading, h))) ?? builtins.find((s) => has(s, s.key) && s.columns.some((c) => c.status && has(s, c.name)));
}

function columnMap(raw: RawTable, spec: TableSpec | undefined): (string | null)[] {
  const taken = new Set<string>();
  return raw.header.cells.map((cell) => {
    if (!spec) return null;
    const folded = foldHeader(cell.text);
    const col = spec.columns.find((c) => !taken.has(c.name) && c.aliases.some((a) => foldHeader(a) === folded));
    if (!col) return null;
    taken.add(col.name);
    return col.name;
  });
}

/** Column names for the row objects: canonical names, else headers, made unique. */
function columnNames(raw: RawTable, columnOf: (string | null)[]): string[] {
  const used = new Set<string>();
  return raw.header.cells.map((cell, i) => {
    const base = columnOf[i] ?? (cell.text.trim() || `column ${i + 1}`);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
    used.add(name);
    return name;
  });
}

const idLike = /^(?:id|no|key|milestone|step|task|model|feature|phase|experiment|exp|run|stage|item)$|id$/;

/** The key column of a table without a schema: a column named like an id, else the first column when its values are unique. */
function inferKey(raw: RawTable): number {
  const byName = raw.header.cells.findIndex((c) => c.text.trim() === '#' || idLike.test(foldHeader(c.text)));
  if (byName >= 0) return byName;
  const values = raw.rows.map((r) => r.cells[0]?.text.trim() ?? '');
  if (values.length && values.every((v) => v !== '') && new Set(values).size === values.length) return 0;
  return -1;
}

/** Whether a table without a schema holds jobs (its statuses then read with the job vocabulary). */
function jobsLike(raw: RawTable): boolean {
  const headers = raw.header.cells.map((c) => foldHeader(c.text));
  return headers.some((h) => /^(?:instance|instanceid|jobid|job|gpu|gpus|pod|node|host|machine|slurmid|vastid)$/.test(h)) || /\b(?:jobs?|instances?|pods?)\b/i.test(raw.heading ?? '');
}

/** Read a percentage cell: `95%`, `95`, ` 95 %`. */
export function readPercent(text: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

const cellModel = (cell: Cell, lines: LineIndex): CellModel => ({ source: cell.source, text: cell.text, position: lines.range(cell.start, cell.end) });

export function typeTable(raw: RawTable, spec: TableSpec | undefined, vocabularies: DocumentVocabularies, lines: LineIndex, section: string[]): TypedTable {
  const columnOf = columnMap(raw, spec);
  const names = columnNames(raw, columnOf);
  const statusSpec = spec?.columns.find((c) => c.status);
  let statusIndex = statusSpec ? columnOf.indexOf(statusSpec.name) : -1;
  let vocabularyName: string | undefined;
  let vocabulary: Vocabulary | undefined;
  if (statusSpec?.status === 'own') {
    vocabularyName = spec!.kind;
    vocabulary = spec!.vocabulary;
  } else if (statusSpec?.status) {
    vocabularyName = statusSpec.status;
    vocabulary = vocabularies[statusSpec.status];
  } else if (!spec) {
    statusIndex = raw.header.cells.findIndex((c) => /^(?:status|state|currentstatus)$/.test(foldHeader(c.text)));
    if (statusIndex >= 0) {
      vocabularyName = jobsLike(raw) ? 'job' : 'progress';
      vocabulary = vocabularies[vocabularyName as 'job' | 'progress'];
    }
  }
  // Progress is the column named progress (a collection's other percentages, such as accuracy, are not).
  const percentSpec = spec?.columns.find((c) => c.parse === 'percent' && c.name === 'progress');
  const percentIndex = percentSpec ? columnOf.indexOf(percentSpec.name) : spec ? -1 : raw.header.cells.findIndex((c) => /^(?:progress|%|percent|completion|done%|complete%)$/.test(foldHeader(c.text)));
  const keyIndex = spec ? columnOf.indexOf(spec.key) : inferKey(raw);
  const statusReadings: (StatusReading | undefined)[] = [];
  const rows = raw.rows.map((row): RowModel => {
    const cells: Record<string, CellModel> = {};
    row.cells.forEach((cell, i) => {
      if (i < names.length) cells[names[i]!] = cellModel(cell, lines);
    });
    const model: RowModel = { position: lines.range(row.start, row.end), cells };
    if (row.cells.length > names.length) model.overflow = row.cells.slice(names.length).map((c) => cellModel(c, lines));
    const key = keyIndex >= 0 ? row.cells[keyIndex]?.text.trim() : undefined;
    if (key) model.key = key;
    const statusCell = statusIndex >= 0 ? row.cells[statusIndex] : undefined;
    if (vocabulary && statusCell) {
      const reading = readStatus(statusCell.source, vocabulary);
      statusReadings.push(reading);
      model.status = reading.ok ? reading.status : null;
      if (reading.qualifier) model.qualifier = reading.qualifier;
    } else statusReadings.push(undefined);
    const percentCell = percentIndex >= 0 ? row.cells[percentIndex] : undefined;
    if (percentCell) model.progress = readPercent(percentCell.text);
    return model;
  });
  const columns: ColumnModel[] = raw.header.cells.map((c, i) => ({ header: c.text, column: columnOf[i] ?? null, name: names[i]!, position: lines.range(c.start, c.end) }));
  const model: TableModel = { kind: spec?.kind ?? 'generic', heading: raw.heading, section, position: lines.range(raw.start, raw.end), columns, rows };
  if (raw.container) model.container = raw.container;
  if (keyIndex >= 0) model.key = names[keyIndex];
  if (statusIndex >= 0 && vocabulary) {
    model.statusColumn = names[statusIndex];
    model.vocabulary = vocabularyName;
  }
  return {
    raw,
    spec,
    columnOf,
    statusIndex: vocabulary ? statusIndex : -1,
    statusReadings,
    vocabulary,
    legendStatuses: vocabularyName === 'progress' || vocabularyName === 'job' ? vocabularies.legendStatuses : new Set(),
    name: raw.heading ?? spec?.title.replace(/ row$/, '') ?? 'table',
    model,
  };
}
