/**
 * Moving finished job rows to history (pure): rows of the Active Remote Jobs table are appended to
 * Past Remote Jobs with today's date in its Ended column, or a Past Remote Jobs section is created
 * after the active table's section. Every cell moves: words in a column the past table lacks join
 * its Notes, and cells beyond the header stay after the row's columns. Sync and `trackdocs rm` use
 * it; removing the rows from the active table is the caller's edit.
 */
import type { Edit } from '../core/diagnostic.js';
import type { ParsedDocument, TypedTable } from '../model/parse.js';
import { findSection } from '../model/sections.js';
import { sameText as same } from '../core/cells.js';
import { TableEditor } from './table-editor.js';
import { insertSection, tableText } from './sections.js';

/** Edits that add `rows` (each the source of an active row's cells) to Past Remote Jobs. */
export function archiveRows(doc: ParsedDocument, active: TypedTable, past: TypedTable | undefined, rows: string[][], today: string): Edit[] {
  if (past) {
    const editor = new TableEditor(doc.text, doc.lines, past.raw);
    const endedAt = past.columnOf.indexOf('ended');
    for (const cells of rows) {
      const row = past.raw.header.cells.map((h, k) => {
        const name = past.columnOf[k];
        const from = name ? active.columnOf.indexOf(name) : active.raw.header.cells.findIndex((c) => same(c.text, h.text));
        return k === endedAt ? today : from >= 0 ? (cells[from] ?? '') : '';
      });
      // Cells beyond the active table's header (a ragged row, or an unescaped `|` in a link) are
      // kept as they are, after the row's columns: archiving moves every cell and byte.
      row.push(...cells.slice(active.raw.header.cells.length));
      // Words in a column the past table lacks must not be lost: they join its Notes (or last) cell.
      const lost = active.raw.header.cells
        .map((h, k) => ({ header: h.text, text: cells[k] ?? '', name: active.columnOf[k] }))
        .filter((c) => c.text.trim() && !/^[—–-]$/.test(c.text.trim()) && !(c.name ? past.columnOf.includes(c.name) : past.raw.header.cells.some((h) => same(h.text, c.header))));
      if (lost.length) {
        const notesAt = past.columnOf.indexOf('notes') >= 0 ? past.columnOf.indexOf('notes') : row.length - 1;
        row[notesAt] = [row[notesAt], ...lost.map((l) => `${l.header}: ${l.text}`)].filter(Boolean).join('; ');
      }
      editor.appendRow(row);
    }
    return editor.edits();
  }
  const header = [...active.raw.header.cells.map((c) => c.source)];
  const hasEnded = active.columnOf.includes('ended');
  if (!hasEnded) header.push('Ended');
  const body = rows.map((cells) => {
    const row = header.map((_, k) => cells[k] ?? '');
    if (!hasEnded) row[header.length - 1] = today;
    else row[active.columnOf.indexOf('ended')] = today;
    // Cells beyond the header are kept as they are, after the row's columns.
    row.push(...cells.slice(active.raw.header.cells.length));
    return row;
  });
  const section = findSection(doc.sections, active.raw.heading ?? 'Active Remote Jobs');
  const depth = section?.depth ?? 2;
  return [insertSection(doc.text, doc.lines, section?.end ?? doc.text.length, `${'#'.repeat(depth)} Past Remote Jobs\n\n${tableText(header, body)}`)];
}
