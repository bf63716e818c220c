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
  // A blank line before the section, counting the line endings already there whatever their kind
  // (a lone CR there and an added LF would make one CRLF, so count after adding).
  const breaks = (s: string) => /(?:\r\n|\r|\n)*$/.exec(s)![0].match(/\r\n|\r|\n/g)?.length ?? 0;
  let lead = '';
  if (before.length > 0) while (breaks(before + lead) < 2) lead += eol;
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
