/** Ticking a task (pure): the check mark of a list item's `[ ]` replaced in place, nothing else. */
import type { Edit } from '../core/diagnostic.js';

const checkbox = /^(?:[-*+]|\d+[.)])[ \t]+\[([^\]\r\n]{0,3})\]/;

/** The edit that writes `mark` into the checkbox of the list item starting at `offset`; undefined when it has none. */
export function tickTask(text: string, offset: number, mark: string): Edit | undefined {
  const m = checkbox.exec(text.slice(offset, offset + 40));
  if (!m) return undefined;
  const start = offset + m[0].length - 1 - m[1]!.length;
  if (m[1] === mark) return undefined;
  return { start, end: start + m[1]!.length, text: mark, expect: m[1] };
}
