/**
 * The re-parse check every fix passes before it lands: the fixed text must give the model the fix
 * meant. A fix replaces part of a line, so the document keeps its lines (no line added, removed or
 * changed outside the edits) and its tables (the same tables, each with the same rows on the same
 * lines). A fix that breaks this (say, a row's end misread around a stray `\r`) is refused whole.
 * Pure.
 */
import type { Edit } from '../core/diagnostic.js';
import type { ParsedDocument } from '../model/parse.js';

const lineBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;

/** Why `after` (the text of `before` with `edits` applied) is not what the edits meant; undefined when it is. */
export function checkFix(before: ParsedDocument, after: ParsedDocument, edits: Edit[]): string | undefined {
  for (const e of edits) {
    const removed = before.text.slice(e.start, e.end);
    if (lineBreaks(removed) !== lineBreaks(e.text)) return `a fix at line ${before.lines.point(e.start).line} would add or remove a line break`;
  }
  if (before.lines.lineCount !== after.lines.lineCount) return 'the fixed text has a different number of lines';
  const touched = new Set<number>();
  for (const e of edits) {
    const from = before.lines.point(e.start).line;
    const to = before.lines.point(e.end).line;
    for (let l = from; l <= to; l++) touched.add(l);
  }
  const lineText = (doc: ParsedDocument, l: number) => doc.text.slice(doc.lines.lineStart(l), doc.lines.lineStart(l + 1));
  for (let l = 1; l <= before.lines.lineCount; l++) {
    if (!touched.has(l) && lineText(before, l) !== lineText(after, l)) return `line ${l}, outside the fixes, would change`;
  }
  if (before.tables.length !== after.tables.length) return `the document would have ${after.tables.length} tables instead of ${before.tables.length}`;
  for (let i = 0; i < before.tables.length; i++) {
    const a = before.tables[i]!.raw;
    const b = after.tables[i]!.raw;
    const line = a.header.line;
    if (b.header.line !== line || b.rows.length !== a.rows.length || b.rows.some((r, j) => r.line !== a.rows[j]!.line)) {
      return `the table at line ${line} would not keep its ${a.rows.length} rows`;
    }
  }
  return undefined;
}
