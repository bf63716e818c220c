/**
 * A typed row as the plain object its JSON Schema validates: statuses as their values, progress and
 * numbers as numbers, every other cell its text; empty and placeholder cells are left out. The
 * rules validate it (src/rules/row-checks.ts) and the agents' verbs check a row before writing it.
 */
import type { TypedTable } from './tables.js';
import { isEmptyCell } from '../core/cells.js';
import { isPlaceholder } from '../core/placeholders.js';
import { readPercent } from './tables.js';

export function rowObject(table: TypedTable, row: number): Record<string, unknown> {
  const spec = table.spec!;
  const out: Record<string, unknown> = {};
  const cells = table.raw.rows[row]!.cells;
  table.columnOf.forEach((col, i) => {
    const cell = cells[i];
    if (!col || !cell || isEmptyCell(cell.text) || isPlaceholder(cell.source)) return;
    const column = spec.columns.find((c) => c.name === col)!;
    if (column.status) {
      const reading = table.statusReadings[row];
      // An unreadable status is reported by status/unknown; leave it out here.
      if (reading?.ok && !table.legendStatuses.has(reading.status)) out[col] = reading.status;
    } else if (column.parse === 'percent') out[col] = readPercent(cell.text) ?? cell.text;
    else if (column.parse === 'number') out[col] = /^-?\d[\d,]*(?:\.\d+)?$/.test(cell.text.trim()) ? Number(cell.text.trim().replace(/,/g, '')) : cell.text;
    else out[col] = cell.text;
  });
  return out;
}
