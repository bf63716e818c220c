/** What `trackdocs get` answers (pure): a table's shape and its rows as plain data. */
import type { ParsedDocument, TypedTable } from '../model/parse.js';
import { cellHolds, validStatuses } from './operations.js';
import { findColumn, findRow, tableName } from './names.js';

export interface TableDescription {
  name: string;
  kind: string;
  heading?: string;
  line: number;
  key?: string;
  statusColumn?: string;
  /** The statuses the status column accepts. */
  statuses?: string[];
  columns: { name: string; header: string; owner: 'source' | 'people' }[];
  rows: number;
}

export interface RowData {
  key?: string;
  line: number;
  status?: string | null;
  qualifier?: string;
  progress?: number | null;
  /** Each cell's plain text, by column name. */
  cells: Record<string, string>;
  /** The row as written. */
  markdown: string;
}

export function describeTable(table: TypedTable): TableDescription {
  const m = table.model;
  const out: TableDescription = {
    name: tableName(table),
    kind: m.kind,
    line: m.position.start.line,
    columns: m.columns.map((c, i) => ({ name: c.name, header: c.header, owner: table.spec?.columns.find((s) => s.name === table.columnOf[i])?.owner ?? 'people' })),
    rows: m.rows.length,
  };
  if (m.heading) out.heading = m.heading;
  if (m.key) out.key = m.key;
  if (m.statusColumn) {
    out.statusColumn = m.statusColumn;
    out.statuses = validStatuses(table);
  }
  return out;
}

/** Rows of a table: the one a key names, or those whose cells hold every `where` value. */
export function readRows(doc: ParsedDocument, table: TypedTable, key?: string, where: Record<string, string> = {}): RowData[] {
  const indexes = key !== undefined ? [findRow(table, key)] : table.model.rows.map((_, i) => i);
  const filters = Object.entries(where).map(([col, value]) => ({ column: findColumn(table, col), value }));
  return indexes
    .filter((i) => filters.every((f) => cellHolds(table, f.column, i, f.value)))
    .map((i) => {
      const row = table.model.rows[i]!;
      const data: RowData = { line: row.position.start.line, cells: Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, c.text])), markdown: doc.text.slice(table.raw.rows[i]!.start, table.raw.rows[i]!.end) };
      if (row.key !== undefined) data.key = row.key;
      if (row.status !== undefined) data.status = row.status;
      if (row.qualifier !== undefined) data.qualifier = row.qualifier;
      if (row.progress !== undefined) data.progress = row.progress;
      return data;
    });
}
