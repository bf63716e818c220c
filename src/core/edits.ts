/** Apply edits to a text by splicing: bytes outside the edited ranges are untouched. */
import type { Edit } from './diagnostic.js';

/**
 * Apply non-overlapping edits (an edit that overlaps one already taken is skipped and returned, so
 * a second pass can apply it to the new text). Returns the new text and the skipped edits.
 */
export function applyEdits(text: string, edits: Edit[]): { text: string; applied: Edit[]; skipped: Edit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.start < last || e.end < e.start || e.end > text.length) {
      skipped.push(e);
      continue;
    }
    out += text.slice(last, e.start) + e.text;
    last = e.end;
    applied.push(e);
  }
  return { text: out + text.slice(last), applied, skipped };
}
