/**
 * Schema validation of typed table rows. Each row becomes a plain object of its cells (statuses
 * normalised, percentages as numbers, empty and placeholder cells left out) and is checked by the
 * table's JSON Schema validator; every finding keeps the cell it is about.
 */
import type { ParsedDocument, TypedTable } from '../model/parse.js';
import type { Cell } from '../core/table.js';
import { rowObject } from '../model/row-object.js';

export interface RowCheck {
  table: TypedTable;
  /** Index of the body row. */
  row: number;
  /** Canonical column, or undefined for a whole-row finding. */
  column?: string;
  cell?: Cell;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export { isEmptyCell } from '../core/cells.js';

export function checkRows(doc: ParsedDocument): RowCheck[] {
  const checks: RowCheck[] = [];
  for (const table of doc.tables) {
    if (!table.spec) continue;
    table.raw.rows.forEach((_, row) => {
      const validate = table.spec!.validate;
      if (validate(rowObject(table, row))) return;
      for (const err of validate.errors ?? []) {
        const column = err.keyword === 'required' ? String(err.params.missingProperty) : err.instancePath.split('/')[1];
        const index = column ? table.columnOf.indexOf(column) : -1;
        checks.push({
          table,
          row,
          column,
          cell: index >= 0 ? table.raw.rows[row]!.cells[index] : undefined,
          keyword: err.keyword,
          message: err.message ?? err.keyword,
          params: err.params,
        });
      }
    });
  }
  return checks;
}
