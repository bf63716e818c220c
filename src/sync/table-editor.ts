/**
 * Planned changes to one table, turned into splices of the original text: cell updates, appended
 * rows and deleted rows. Lines that do not change are not touched; in an aligned table the other
 * rows are re-padded only when a new cell is wider than its column.
 */
import type { Edit } from '../core/diagnostic.js';
import type { RawTable } from '../core/table.js';
import type { LineIndex } from '../core/text.js';
import { toMarkdown } from 'mdast-util-to-markdown';
import { detectStyle, renderRow, renderDelimiter, columnWidths, type TableStyle } from './table-writer.js';

/** Escape text from a source for a table cell: inline markdown, HTML, pipes and newlines. */
export function escapeCell(value: string): string {
  const flat = value.replace(/\r?\n|\r/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  // to-markdown escapes what markdown would read as syntax (`*`, `[`, `<`, …); a pipe is ours to escape.
  const md = toMarkdown({ type: 'paragraph', children: [{ type: 'text', value: flat }] }).replace(/\n$/, '');
  return md.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export class TableEditor {
  readonly style: TableStyle;
  readonly eol: string;
  private readonly rows: string[][];
  private readonly header: string[];
  private readonly changed = new Set<number>();
  private readonly deleted = new Set<number>();
  private readonly appended: string[][] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    readonly table: RawTable,
  ) {
    const delimiterStart = lines.lineStart(table.delimiterLine);
    this.style = detectStyle(text, table, delimiterStart, lines.lineEnd(table.delimiterLine));
    // New rows take the line ending written after the table's last line (else its header's).
    const lastLine = table.rows.length ? table.rows[table.rows.length - 1]!.line : table.delimiterLine;
    this.eol = lines.lineEnding(lastLine) || lines.lineEnding(table.header.line) || lines.commonEnding();
    this.header = table.header.cells.map((c) => c.source);
    this.rows = table.rows.map((r) => r.cells.map((c) => c.source));
  }

  get columnCount(): number {
    return this.header.length;
  }

  cell(row: number, column: number): string {
    return this.rows[row]?.[column] ?? '';
  }

  /** Set a cell of an original row to already-escaped markdown. */
  setCell(row: number, column: number, markdown: string): void {
    const cells = this.rows[row]!;
    while (cells.length <= column) cells.push('');
    if (cells[column] === markdown) return;
    cells[column] = markdown;
    this.changed.add(row);
  }

  deleteRow(row: number): void {
    this.deleted.add(row);
  }

  appendRow(cells: string[]): void {
    const row = [...cells];
    while (row.length < this.header.length) row.push('');
    this.appended.push(row);
  }

  get hasChanges(): boolean {
    return this.changed.size > 0 || this.deleted.size > 0 || this.appended.length > 0;
  }

  /**
   * Remove the deleted rows, each run of adjacent rows as one edit, with their own line endings, so
   * every other line keeps the ending it was written with. A run goes with the line ending before
   * it instead when it ends the table and is followed by appended rows or by the end of the file
   * (so that the insertion after the last row still lands, and a file that ended without a line
   * ending still does), or when the ending before it is a lone CR and the line after it is blank.
   */
  private deletions(): Edit[] {
    const { lines, table } = this;
    const edits: Edit[] = [];
    const last = table.rows.length - 1;
    for (let i = 0; i <= last; i++) {
      if (!this.deleted.has(i)) continue;
      let j = i;
      while (j + 1 <= last && this.deleted.has(j + 1)) j++;
      const first = table.rows[i]!.line;
      const end = table.rows[j]!.line;
      // Taking the rows with their own endings would put the line ending before them next to the
      // line after them: a lone CR before an LF would read as one CRLF, and a blank line would go.
      const merges = lines.lineEnding(first - 1) === '\r' && this.text[lines.lineStart(end + 1)] === '\n';
      if (merges || (j === last && (this.appended.length > 0 || lines.lineEnding(end) === ''))) edits.push(this.guarded({ start: lines.lineEnd(first - 1), end: lines.lineEnd(end), text: '' }, first, end));
      else edits.push(this.guarded({ start: lines.lineStart(first), end: lines.lineStart(end + 1), text: '' }, first, end));
      i = j;
    }
    return edits;
  }

  /**
   * An edit of rows' lines, carrying the text it replaces as the parser placed those rows: when the
   * line index and micromark disagree on where a row is, `expect` is the table as micromark saw it,
   * which is not the text at the edit's range, so the splice check refuses the edit and the file's
   * write is aborted (see applyEdits).
   */
  private guarded(edit: Edit, ...rowLines: number[]): Edit {
    // A skew moves every line alike, so the header line (which must hold the table's first offset) is checked for every edit.
    const agrees = this.parserRowOnLine(this.table.header.line) && rowLines.every((line) => line === this.table.delimiterLine || this.parserRowOnLine(line));
    return { ...edit, expect: agrees ? this.text.slice(edit.start, edit.end) : this.text.slice(this.table.start, this.table.end) };
  }

  /** Whether micromark's table holds this line: the header line holds the table's first offset; a body row lies within the table. */
  private parserRowOnLine(line: number): boolean {
    const lineStart = this.lines.lineStart(line);
    const lineEnd = this.lines.lineEnd(line);
    if (line === this.table.header.line) return lineStart <= this.table.start && this.table.start <= lineEnd;
    return lineStart >= this.table.start && lineEnd <= this.table.end;
  }

  edits(): Edit[] {
    if (!this.hasChanges) return [];
    const edits: Edit[] = this.deletions();
    const { table, lines } = this;
    const lineEnd = (line: number) => lines.lineEnd(line);
    const lastRowLine = table.rows.length ? table.rows[table.rows.length - 1]!.line : table.delimiterLine;
    if (this.style.aligned) {
      const live = this.rows.filter((_, i) => !this.deleted.has(i));
      const needed = columnWidths([this.header, ...live, ...this.appended]);
      const widths = needed.map((w, i) => Math.max(w, this.style.widths[i] ?? 0));
      const grown = widths.some((w, i) => w > (this.style.widths[i] ?? 0));
      const replaceLine = (line: number, start: number, rendered: string) => {
        const end = lineEnd(line);
        if (this.text.slice(start, end) !== rendered) edits.push(this.guarded({ start, end, text: rendered }, line));
      };
      if (grown) {
        replaceLine(table.header.line, table.header.start, renderRow(this.header, this.style, widths));
        replaceLine(table.delimiterLine, lines.lineStart(table.delimiterLine), renderDelimiter(this.style, widths));
      }
      table.rows.forEach((row, i) => {
        if (!this.deleted.has(i) && (grown || this.changed.has(i))) replaceLine(row.line, row.start, renderRow(this.rows[i]!, this.style, widths));
      });
      if (this.appended.length) {
        const at = lineEnd(lastRowLine);
        edits.push({ start: at, end: at, text: this.appended.map((r) => this.eol + renderRow(r, this.style, widths)).join('') });
      }
      return edits;
    }
    table.rows.forEach((row, i) => {
      if (this.deleted.has(i) || !this.changed.has(i)) return;
      const cells = this.rows[i]!;
      if (row.cells.length < cells.length) {
        edits.push(this.guarded({ start: row.start, end: row.end, text: renderRow(cells, this.style) }, row.line));
        return;
      }
      row.cells.forEach((cell, k) => {
        const next = cells[k]!;
        if (next === cell.source) return;
        if (cell.start === cell.end && next) {
          // An empty cell: keep a space on each side of the new text.
          const before = this.text[cell.start - 1] === ' ' ? '' : ' ';
          const after = this.text[cell.end] === ' ' ? '' : ' ';
          edits.push(this.guarded({ start: cell.start, end: cell.end, text: before + next + after }, row.line));
        } else edits.push(this.guarded({ start: cell.start, end: cell.end, text: next }, row.line));
      });
    });
    if (this.appended.length) {
      const at = lineEnd(lastRowLine);
      edits.push({ start: at, end: at, text: this.appended.map((r) => this.eol + renderRow(r, this.style)).join('') });
    }
    return edits;
  }
}
