/**
 * Writing table rows in a table's own style. A table is "aligned" when its pipes line up (padded
 * cells, measured by display width so emoji and CJK count as two columns); otherwise "compact".
 * Aligned tables are re-rendered whole (only padding changes on rows whose text did not); in a
 * compact table a changed cell is spliced in place and a new row copies the header's spacing.
 */
import { displayWidth } from '../core/text.js';
import { isEscaped, type RawTable } from '../core/table.js';

export interface TableStyle {
  aligned: boolean;
  leadingPipe: boolean;
  trailingPipe: boolean;
  /** The indentation before the first pipe. */
  indent: string;
  /** Alignment markers per column from the delimiter row. */
  align: ('left' | 'right' | 'center' | null)[];
  /** Content width of each column in an aligned table, as written. */
  widths: number[];
  /** `| --- |` (true) or `|-----|` (false). */
  delimiterPadded: boolean;
}

/** Where the pipes of a row line are, in display columns. */
function pipeColumns(line: string): number[] {
  const cols: number[] = [];
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && (line[i + 1] === '|' || line[i + 1] === '\\')) {
      width += 2;
      i++;
      continue;
    }
    if (ch === '|') cols.push(width);
    const cp = line.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    width += displayWidth(s);
  }
  return cols;
}

export function detectStyle(text: string, table: RawTable, delimiterStart: number, delimiterEnd: number): TableStyle {
  const header = text.slice(table.header.start, table.header.end);
  const delimiter = text.slice(delimiterStart, delimiterEnd);
  const lines = [header, delimiter, ...table.rows.map((r) => text.slice(r.start, r.end))];
  const first = JSON.stringify(pipeColumns(header));
  // Aligned: every line's pipes stand in the same columns, and some cell is padded to get there.
  const aligned = lines.every((l) => JSON.stringify(pipeColumns(l.trimEnd())) === first) && hasPadding(lines);
  const trimmed = header.trim();
  const pipes = pipeColumns(header);
  const widths = pipes.slice(1).map((p, i) => p - pipes[i]! - 3);
  if (!trimmed.startsWith('|')) widths.unshift(pipes[0]! - 1);
  return {
    aligned,
    widths,
    delimiterPadded: /\|\s+:?-/.test(delimiter) || /^\s*:?-+:?\s+\|/.test(delimiter),
    leadingPipe: trimmed.startsWith('|'),
    trailingPipe: trimmed.endsWith('|') && !isEscaped(trimmed, trimmed.length - 1),
    indent: /^[ \t]*/.exec(header)![0],
    align: delimiter
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((d) => {
        const t = d.trim();
        return t.startsWith(':') && t.endsWith(':') ? 'center' : t.endsWith(':') ? 'right' : t.startsWith(':') ? 'left' : null;
      }),
  };
}

/** An aligned table pads at least one cell somewhere (otherwise equal widths are a coincidence). */
function hasPadding(lines: string[]): boolean {
  return lines.some((l) => /[^ |] {2,}\|/.test(l));
}

/** Render one row of cells (already escaped markdown) in a style; `widths` pads aligned tables. */
export function renderRow(cells: string[], style: TableStyle, widths?: number[]): string {
  const parts = cells.map((c, i) => {
    if (!style.aligned || !widths) return c;
    const pad = Math.max(0, widths[i]! - displayWidth(c));
    const a = style.align[i];
    if (a === 'right') return ' '.repeat(pad) + c;
    if (a === 'center') return ' '.repeat(pad >> 1) + c + ' '.repeat(pad - (pad >> 1));
    return c + ' '.repeat(pad);
  });
  let line = parts.map((p) => ` ${p} `).join('|');
  if (style.leadingPipe) line = '|' + line;
  else line = line.slice(1);
  if (style.trailingPipe) line += '|';
  else line = line.trimEnd();
  return style.indent + line;
}

/** The delimiter row for an aligned table of these widths. */
export function renderDelimiter(style: TableStyle, widths: number[]): string {
  const cells = widths.map((w, i) => {
    const a = style.align[i];
    const n = Math.max(3, w);
    if (a === 'center') return ':' + '-'.repeat(n - 2) + ':';
    if (a === 'right') return '-'.repeat(n - 1) + ':';
    if (a === 'left') return ':' + '-'.repeat(n - 1);
    return '-'.repeat(n);
  });
  // Aligned delimiter rows in the wild are written `|----|` (no spaces) as often as `| -- |`.
  let line = style.delimiterPadded ? cells.map((c) => ` ${c} `).join('|') : cells.map((c) => `-${c}-`.replace(/^-:/, ':-').replace(/:-$/, '-:')).join('|');
  if (style.leadingPipe) line = '|' + line;
  else line = line.slice(1);
  if (style.trailingPipe) line += '|';
  else line = line.trimEnd();
  return style.indent + line;
}

/** Column widths that fit every row. */
export function columnWidths(rows: string[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 3, displayWidth(c))));
  return widths;
}
