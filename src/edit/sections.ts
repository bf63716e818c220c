/**
 * Planning new blocks of a document (pure): a section inserted before a heading or at the end, a
 * new table in the compact style, a list item after the last one of a list. Every insertion takes
 * the document's own line ending and leaves one blank line between blocks.
 */
import type { Edit } from '../core/diagnostic.js';
import type { LineIndex } from '../core/text.js';
import { renderRow, renderDelimiter, columnWidths, type TableStyle } from './table-writer.js';

const compact: TableStyle = { aligned: false, leadingPipe: true, trailingPipe: true, indent: '', align: [], widths: [], delimiterPadded: false };

/** A new table, compact (`| a | b |` and `|---|---|`), with `\n` line endings (insertSection converts them). */
export function tableText(header: string[], rows: string[][], eol = '\n'): string {
  const widths = columnWidths([header, ...rows]);
  return [renderRow(header, compact), renderDelimiter(compact, widths.map(() => 3)), ...rows.map((r) => renderRow(r, compact))].join(eol);
}

/** Insert `markdown` (written with `\n`) as a block at offset `at`: blank lines around it, the document's line ending. */
export function insertSection(text: string, lines: LineIndex, at: number, markdown: string): Edit {
  const eol = lines.commonEnding();
  const before = text.slice(0, at);
  // Line endings already written before the insertion point, whichever kind they are.
  const trailing = /(?:\r\n|\r|\n)*$/.exec(before)![0];
  const breaks = trailing.match(/\r\n|\r|\n/g)?.length ?? 0;
  if (breaks >= 2 && at < text.length) {
    // Between blocks: go in after the line ending of the last line written, so the blank lines
    // that follow (whatever their endings) stay with the block after the new one.
    const first = /^(?:\r\n|\r|\n)/.exec(trailing)![0];
    const start = at - trailing.length + first.length;
    return { start, end: start, text: eol + markdown.replace(/\n/g, eol) + eol };
  }
  const lead = before.length === 0 || breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol;
  const tail = at < text.length ? eol : '';
  return { start: at, end: at, text: lead + markdown.replace(/\n/g, eol) + eol + tail };
}

/**
 * Insert a line after line `afterLine` (1-based), in that line's ending; when that line is the
 * last and has no ending, the ending goes before the new line.
 */
export function insertLineAfter(lines: LineIndex, afterLine: number, line: string): Edit {
  const at = lines.lineEnd(afterLine);
  const eol = lines.lineEnding(afterLine);
  if (eol) return { start: at + eol.length, end: at + eol.length, text: line + eol };
  return { start: at, end: at, text: lines.commonEnding() + line };
}
