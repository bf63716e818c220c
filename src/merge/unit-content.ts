/**
 * Merging one unit's three versions (any of which may be missing): a row cell by cell, a task's
 * check mark three-way, Last updated to the later date, anything else whole. The winning side's
 * bytes are kept; a merged row is written into one side's line by the edit layer.
 */
import type { Line } from './lines.js';
import type { Unit } from './units.js';
import { TableEditor } from '../edit/table-editor.js';
import { tickTask } from '../edit/tasks.js';
import { applyEdits } from '../edit/apply.js';

export type Merged =
  | { kind: 'lines'; lines: Line[]; blanks: Line[] }
  /** The two sides disagree: `ours` and `theirs` go between markers, `blanks` before them. */
  | { kind: 'conflict'; ours: Line[]; base: Line[]; theirs: Line[]; blanks: Line[]; what: string };

const same = (x: Unit, y: Unit) => x.lines.length === y.lines.length && x.lines.every((l, i) => l.content === y.lines[i]!.content);
const describe = (u: Unit) => {
  const [kind, ...rest] = u.key.split(':');
  const what = u.kind === 'row' ? `row ${u.key.split(':').pop()}` : u.kind === 'item' ? `task "${u.key.split('>').pop()}"` : u.kind === 'date' ? `entry ${u.date}` : `${kind} ${rest.join(':')}`.trim();
  return what.length > 80 ? what.slice(0, 77) + '…' : what;
};

/** Three-way choice of one value; `undefined` when both sides changed it differently. */
function pick<T>(o: T | undefined, a: T, b: T): { value: T } | undefined {
  if (a === b) return { value: a };
  if (o !== undefined && a === o) return { value: b };
  if (o !== undefined && b === o) return { value: a };
  return undefined;
}

export function mergeUnit(o: Unit | undefined, a: Unit | undefined, b: Unit | undefined): Merged {
  if (!a && !b) return { kind: 'lines', lines: [], blanks: [] };
  if (!a || !b) {
    const kept = (a ?? b)!;
    // Deleted on one side: gone if the other side left it as it was, else a conflict.
    if (!o) return { kind: 'lines', lines: kept.lines, blanks: kept.blanks };
    if (same(o, kept)) return { kind: 'lines', lines: [], blanks: [] };
    return a
      ? { kind: 'conflict', ours: a.lines, base: o.lines, theirs: [], blanks: a.blanks, what: `${describe(a)}: changed on our side, deleted on theirs` }
      : { kind: 'conflict', ours: [], base: o.lines, theirs: b!.lines, blanks: b!.blanks, what: `${describe(b!)}: deleted on our side, changed on theirs` };
  }
  const blanks = blanksOf(o, a, b);
  if (same(a, b)) return { kind: 'lines', lines: a.lines, blanks };
  if (o && same(o, a)) return { kind: 'lines', lines: b.lines, blanks };
  if (o && same(o, b)) return { kind: 'lines', lines: a.lines, blanks };
  if (a.kind === 'last-updated' && b.kind === 'last-updated' && a.date && b.date) {
    return { kind: 'lines', lines: (b.date > a.date ? b : a).lines, blanks };
  }
  if (a.kind === 'row' && b.kind === 'row' && a.row && b.row) {
    const merged = mergeRow(o?.kind === 'row' ? o : undefined, a, b);
    if (merged) return merged.conflict ? { ...merged.conflict, blanks } : { kind: 'lines', lines: merged.lines, blanks };
  }
  if (a.kind === 'item' && b.kind === 'item' && a.lines.length === b.lines.length) {
    const merged = mergeItem(o?.kind === 'item' ? o : undefined, a, b);
    if (merged) return { kind: 'lines', lines: merged, blanks };
  }
  return { kind: 'conflict', ours: a.lines, base: o?.lines ?? [], theirs: b.lines, blanks, what: describe(a) };
}

/** The blank lines before a unit: three-way, and ours when both changed them (they hold no words). */
function blanksOf(o: Unit | undefined, a: Unit, b: Unit): Line[] {
  if (o && a.blanks.length === o.blanks.length && b.blanks.length !== o.blanks.length) return b.blanks;
  return a.blanks;
}

/** A task: the mark three-way, the rest of its lines three-way as a whole. */
function mergeItem(o: Unit | undefined, a: Unit, b: Unit): Line[] | undefined {
  const strip = (u: Unit) => u.lines.map((l, i) => (i === 0 && u.mark ? l.content.slice(0, u.mark.start) + l.content.slice(u.mark.end) : l.content)).join('\n');
  const rest = pick(o ? strip(o) : undefined, strip(a), strip(b));
  const mark = pick(o?.mark?.value, a.mark?.value ?? '', b.mark?.value ?? '');
  if (!rest || !mark || !a.mark || !b.mark) return undefined;
  // Ours' lines if its rest won, else theirs'; then the winning mark written in by the edit layer.
  const base = rest.value === strip(a) ? a : b;
  const first = base.lines[0]!;
  const edit = tickTask(first.content.trimStart(), 0, mark.value);
  const indent = first.content.length - first.content.trimStart().length;
  const done = edit ? applyEdits(first.content, [{ ...edit, start: edit.start + indent, end: edit.end + indent }]) : undefined;
  if (done && done.applied.length !== 1) return undefined;
  return [{ content: done ? done.text : first.content, eol: first.eol }, ...base.lines.slice(1)];
}

/**
 * A row: each cell three-way by column name. Clean: the row written with the merged cells into the
 * line of the side whose columns the table now has. A cell both sides set differently: a conflict
 * of this row alone, each side showing the other's cells that did not conflict.
 */
function mergeRow(o: Unit | undefined, a: Unit, b: Unit): { lines: Line[]; conflict?: undefined } | { conflict: Extract<Merged, { kind: 'conflict' }>; lines?: undefined } | undefined {
  const ra = a.row!;
  const rb = b.row!;
  const sameColumns = (x: string[], y: string[]) => x.length === y.length && x.every((c, i) => c === y[i]);
  const ro = o?.row;
  // Render into the side whose columns changed from the base (ours when neither or both did).
  const layout = ro && sameColumns(ra.columns, ro.columns) && !sameColumns(rb.columns, ro.columns) ? b : a;
  const other = layout === a ? b : a;
  if (!sameColumns(ra.columns, rb.columns) && ro && !sameColumns(ra.columns, ro.columns) && !sameColumns(rb.columns, ro.columns)) return undefined;
  const valueIn = (u: Unit | undefined, column: string) => {
    if (!u?.row) return undefined;
    const i = u.row.columns.indexOf(column);
    return i === -1 ? undefined : (u.row.values[i] ?? '');
  };
  const merged: string[] = [];
  const conflicted: string[] = [];
  const columns = layout.row!.columns;
  for (const column of columns) {
    const va = valueIn(a, column);
    const vb = valueIn(b, column);
    const vo = valueIn(o, column);
    // A column one side added: its value, whatever the other side (which has no such cell) did.
    const got = vb === undefined && vo === undefined ? { value: va ?? '' } : va === undefined && vo === undefined ? { value: vb ?? '' } : pick(vo, va ?? '', vb ?? '');
    if (got) merged.push(got.value);
    else {
      merged.push(valueIn(layout, column) ?? '');
      conflicted.push(column);
    }
  }
  // A column only the other side has holds words the layout cannot show: keep them by conflicting.
  for (const column of other.row!.columns) {
    if (columns.includes(column)) continue;
    const v = valueIn(other, column) ?? '';
    if (v !== '' && v !== (valueIn(o, column) ?? '')) return undefined;
  }
  if (!conflicted.length) {
    const line = render(layout, merged);
    return line ? { lines: [line] } : undefined;
  }
  // Each side keeps its own value in the conflicting cells and takes the rest of the merge.
  const withOwn = (u: Unit) => render(u, u.row!.columns.map((c) => (conflicted.includes(c) || !columns.includes(c) ? (valueIn(u, c) ?? '') : merged[columns.indexOf(c)]!)));
  const ours = withOwn(a);
  const theirs = withOwn(b);
  if (!ours || !theirs) return undefined;
  return { conflict: { kind: 'conflict', ours: [ours], base: o?.lines ?? [], theirs: [theirs], blanks: [], what: `${describe(a)}, ${conflicted.length === 1 ? 'column' : 'columns'} ${conflicted.join(', ')}` } };
}

/** One side's row line with `values` written into its cells by the table editor (undefined if the edit does not land). */
function render(u: Unit, values: string[]): Line | undefined {
  const row = u.row!;
  const line = u.lines[0]!;
  if (values.every((v, i) => v === (row.values[i] ?? ''))) return line;
  const { text, lines, raw, row: index, firstLine } = row.table;
  const editor = new TableEditor(text, lines, raw);
  values.forEach((v, i) => editor.setCell(index, i, v));
  const start = lines.lineStart(firstLine);
  const end = lines.lineEnd(firstLine);
  // Only this row's line: an aligned table whose column grew keeps its other rows as they are.
  const edits = editor.edits().filter((e) => e.start >= start && e.end <= end).map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  const done = applyEdits(text.slice(start, end), edits);
  if (done.skipped.length || done.mismatched.length) return undefined;
  return { content: done.text, eol: line.eol };
}
