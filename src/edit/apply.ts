/** Apply edits to a text by splicing: bytes outside the edited ranges are untouched. */
import type { Edit } from '../core/diagnostic.js';

/**
 * Apply non-overlapping edits (an edit that overlaps one already taken is skipped and returned, so
 * a second pass can apply it to the new text). An edit whose `expect` is not the text at its range
 * is not applied and is returned in `mismatched`: its positions disagree with the text, and a
 * writer must then abort the file's write rather than land any of it.
 */
export function applyEdits(text: string, edits: Edit[]): { text: string; applied: Edit[]; skipped: Edit[]; mismatched: Edit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  const mismatched: Edit[] = [];
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.start < last || e.end < e.start || e.end > text.length) {
      skipped.push(e);
      continue;
    }
    if (e.expect !== undefined && text.slice(e.start, e.end) !== e.expect) {
      mismatched.push(e);
      continue;
    }
    out += text.slice(last, e.start) + e.text;
    last = e.end;
    applied.push(e);
  }
  return { text: out + text.slice(last), applied, skipped, mismatched };
}
