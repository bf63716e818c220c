/**
 * A window of a document (the lines between two headings) read as the merge's units: table rows
 * keyed by the table's key column, list items keyed by their text under their parent, dated
 * headings, the Last updated line, and single lines of prose. Each unit carries the blank lines
 * after it, so that moving a unit moves its spacing with it. The model reads the window (the
 * merge never decides on its own what a table or a task is).
 */
import type { ListItem, Nodes, Root } from 'mdast';
import type { Line } from './lines.js';
import type { DocumentKind } from '../model/types.js';
import { parseDocument, pathAt, sectionPaths, type ModelOptions } from '../model/parse.js';
import { checkComplexity } from '../core/complexity.js';
import type { RawTable } from '../core/table.js';
import type { LineIndex } from '../core/text.js';

export type UnitKind = 'row' | 'table-head' | 'item' | 'date' | 'last-updated' | 'prose';

export interface RowCells {
  /** Column names (the model's), in the row's table. */
  columns: string[];
  /** Each cell's markdown source, by column. */
  values: string[];
  /** What a renderer needs to write cells into this row's line. */
  table: { text: string; lines: LineIndex; raw: RawTable; row: number; firstLine: number };
}

export interface Unit {
  /** The identity the units of the three versions are matched by. */
  key: string;
  kind: UnitKind;
  /** The unit's own lines (the blank lines before it are in `blanks`). */
  lines: Line[];
  /** The blank lines before the unit: they go where it goes (the last ones of a window go with a unit `end`). */
  blanks: Line[];
  /** What the unit belongs to: its table, its list parent, its section. Insertions stay among their kind. */
  container: string;
  /** Keys made from the unit's own text (items, prose, rows without a key): an edit looks like a removal and an addition. */
  textKeyed: boolean;
  /** `YYYY-MM-DD` (and a time, when written) of a dated heading or entry, for newest-first order. */
  date?: string;
  row?: RowCells;
  /** The check mark of a task, and where it sits in the first line. */
  mark?: { value: string; start: number; end: number };
}

export interface WindowInput {
  lines: readonly Line[];
  /** The headings above the window, outermost first (their lines as written). */
  ancestors: string[];
  path: string;
  kind: DocumentKind;
  model: ModelOptions;
}

const isoDate = /\b(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{1,2}:\d{2}))?/;
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `Dec 20, 2025`, `December 20 2025`, `20 Dec 2025`. */
const wordDate = /\b(?:([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4}))\b/;
const blank = (l: Line) => l.content.trim() === '';
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A list item's first line: its marker, an optional checkbox, and its text. */
const itemLine = /^([ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?:\[([^\]\r\n]{0,4})\](?=[ \t]|$)[ \t]*)?(.*)$/;
/** A Last updated line: `Last updated: 2025-12-22`, bold or in a bullet, or a front matter field. */
const lastUpdatedLine = /^(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?[ \t]*last[ _-]?(?:updated|modified)[ \t]*(?:\*\*|__|\*|_)?[ \t]*[:=]/i;

/** The date written in `text` (ISO, or with a month name), as `YYYY-MM-DD` and a time when written. */
export function dateOf(text: string): string | undefined {
  const iso = isoDate.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}${iso[4] ? ' ' + iso[4].padStart(5, '0') : ''}`;
  const w = wordDate.exec(text);
  if (!w) return undefined;
  const month = months.indexOf((w[1] ?? w[5])!.slice(0, 3).toLowerCase());
  if (month === -1) return undefined;
  return `${w[3] ?? w[6]}-${String(month + 1).padStart(2, '0')}-${(w[2] ?? w[4])!.padStart(2, '0')}`;
}

/** The units of a window, in order. Keys that repeat get `#2`, `#3`… in order of appearance. */
export function readUnits(input: WindowInput): Unit[] {
  const { lines, ancestors } = input;
  const prefix = ancestors.map((h) => h + '\n\n').join('');
  const prefixLines = ancestors.length * 2;
  let body = '';
  for (const l of lines) body += l.content + l.eol;
  const text = prefix + body;
  // The parser is only ever given what it reads in bounded time (the merge then goes line by line).
  const complex = checkComplexity(text);
  if (complex) throw new Error(`too complex to read by structure: ${complex.reason}`);
  const doc = parseDocument(text, input.path, input.kind, input.model);
  const at = (line1: number) => line1 - 1 - prefixLines;
  const n = lines.length;
  /** Per window line: the unit it belongs to (index into `found`), or -1. */
  const owner = new Array<number>(n).fill(-1);
  const found: { first: number; last: number; unit: Omit<Unit, 'lines' | 'blanks'> }[] = [];
  const claim = (first: number, last: number, unit: Omit<Unit, 'lines' | 'blanks'>) => {
    if (first < 0 || last >= n || first > last) return;
    for (let i = first; i <= last; i++) if (owner[i] !== -1) return;
    for (let i = first; i <= last; i++) owner[i] = found.length;
    found.push({ first, last, unit });
  };
  // The titles of the headings a line sits under, as the model reads them.
  const paths = sectionPaths(doc.sections);
  const sectionOf = (line1: number) => pathAt(doc.sections, paths, doc.lines.lineStart(line1)).join(' / ');

  // Tables (those in lists and quotes belong to their item or are prose).
  const tableSeen = new Map<string, number>();
  for (const t of doc.tables) {
    const raw = t.raw;
    if (raw.container) continue;
    const columns = t.model.columns.map((c) => c.name);
    const keyIndex = t.model.key ? columns.indexOf(t.model.key) : -1;
    const base = `${t.model.section.join(' / ')}|${keyIndex >= 0 ? t.model.key : raw.header.cells.map((c) => norm(c.text)).join('|')}`;
    const nth = (tableSeen.get(base) ?? 0) + 1;
    tableSeen.set(base, nth);
    const tableId = nth > 1 ? `${base}#${nth}` : base;
    claim(at(raw.header.line), at(raw.delimiterLine), { key: `head:${tableId}`, kind: 'table-head', container: tableId, textKeyed: false });
    raw.rows.forEach((r, i) => {
      const key = keyIndex >= 0 ? norm(r.cells[keyIndex]?.text ?? '') : '';
      const values = r.cells.map((c) => c.source);
      claim(at(r.line), at(r.line), {
        key: key ? `row:${tableId}:${key}` : `rowtext:${tableId}:${values.map(norm).join('|')}`,
        kind: 'row',
        container: tableId,
        textKeyed: !key,
        row: { columns, values, table: { text, lines: doc.lines, raw, row: i, firstLine: r.line } },
      });
    });
  }

  // List items: own lines up to the first nested list; keyed by text under their parent.
  const root = doc.root as Root;
  const stack: { node: Nodes; parent: string }[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i]!, parent: '' });
  const headings: { line: number; depth: number; date?: string }[] = [];
  for (const child of root.children) {
    if (child.type === 'heading') {
      const line = child.position!.start.line;
      headings.push({ line, depth: child.depth, date: dateOf(lines[at(line)]?.content ?? '') });
    }
  }
  /** The date of the dated heading an item sits under, if any. */
  const dateAbove = (line1: number) => {
    let d: string | undefined;
    for (const h of headings) if (h.line <= line1) d = h.date;
    return d;
  };
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    if (node.type === 'code' && node.position) {
      // Code is prose, line by line: never read as items or Last updated lines.
      claimProse(node.position.start.line, node.position.end.line, 'code');
      continue;
    }
    if (node.type === 'listItem' && node.position) {
      const first = node.position.start.line;
      const nested = (node as ListItem).children.find((c) => c.type === 'list');
      const last = nested?.position ? nested.position.start.line - 1 : node.position.end.line;
      const content = lines[at(first)]?.content ?? '';
      const m = itemLine.exec(content);
      const own = norm(m ? m[3]! : content);
      const section = sectionOf(first);
      const container = `${section}>${parent}`;
      const key = `item:${container}>${own}`;
      const date = dateOf(own.slice(0, 40)) ?? dateAbove(first);
      const unit: Omit<Unit, 'lines' | 'blanks'> = { key, kind: 'item', container, textKeyed: true, ...(date ? { date } : {}) };
      if (m && m[2] !== undefined) {
        const start = m[1]!.length + 1;
        unit.mark = { value: m[2], start, end: start + m[2].length };
      }
      // Trailing blank lines inside the item's range are its spacing, not its text.
      let end = last;
      while (end > first && blank(lines[at(end)] ?? { content: '', eol: '' })) end--;
      claim(at(first), at(end), unit);
      if (nested && 'children' in nested) {
        for (let i = nested.children.length - 1; i >= 0; i--) stack.push({ node: nested.children[i]!, parent: `${parent}>${own}` });
      }
      continue;
    }
    if ('children' in node && node.type !== 'table' && node.type !== 'paragraph' && node.type !== 'heading') {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent });
    }
  }
  function claimProse(first1: number, last1: number, tag: string) {
    for (let l = first1; l <= last1; l++) {
      const i = at(l);
      if (i < 0 || i >= n || owner[i] !== -1 || blank(lines[i]!)) continue;
      claim(i, i, { key: `${tag}:${lines[i]!.content}`, kind: 'prose', container: '', textKeyed: true });
    }
  }

  // Headings: dated ones are keyed by their parent and text; others are prose.
  for (const h of headings) {
    const i = at(h.line);
    if (i < 0 || i >= n || owner[i] !== -1) continue;
    const content = lines[i]!.content;
    if (h.date) {
      const parent = sectionOf(h.line).split(' / ').slice(0, -1).join(' / ');
      claim(i, i, { key: `date:${parent}:${norm(content)}`, kind: 'date', container: `dates:${parent}`, textKeyed: false, date: h.date });
    }
  }

  // Last updated, in front matter or in the text.
  const fm = doc.model.frontMatter;
  for (let i = 0; i < n; i++) {
    if (owner[i] !== -1) continue;
    const content = lines[i]!.content;
    const inFrontMatter = fm !== undefined && i + prefixLines + 1 >= fm.position.start.line && i + prefixLines + 1 <= fm.position.end.line;
    const isLast = inFrontMatter ? /^(?:last[_-]?updated|updated|last[_-]?modified)[ \t]*:/i.test(content) : lastUpdatedLine.test(content);
    const date = isLast ? dateOf(content) : undefined;
    if (date) claim(i, i, { key: 'last-updated', kind: 'last-updated', container: '', textKeyed: false, date });
  }

  // Everything else is prose, one line at a time; blank lines go with the unit after them, so a
  // row added after a table's last row stays in the table and a block keeps the gap before it.
  const units: Unit[] = [];
  const seen = new Map<string, number>();
  let current: Unit | undefined;
  let pending: Line[] = [];
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const o = owner[i]!;
    if (o === -1 && blank(line)) {
      pending.push(line);
      continue;
    }
    if (o !== -1 && found[o]!.first !== i) {
      // A later line of a unit already started.
      current!.lines.push(line);
      continue;
    }
    const base = o === -1 ? { key: `line:${line.content}`, kind: 'prose' as const, container: '', textKeyed: true } : found[o]!.unit;
    const count = (seen.get(base.key) ?? 0) + 1;
    seen.set(base.key, count);
    current = { ...base, key: count > 1 ? `${base.key}#${count}` : base.key, lines: [line], blanks: pending };
    pending = [];
    units.push(current);
  }
  if (pending.length) units.push({ key: 'end', kind: 'prose', container: '', textKeyed: false, lines: [], blanks: pending });
  return units;
}
