/**
 * A unified diff of planned edits, for `--dry-run`. The edits already say what changes, so the
 * hunks are built from them — the lines each edit touches, less the lines it leaves as they were —
 * and jsdiff prints them. Diffing the whole file again (Myers, O(N·D)) took half a minute for a
 * sync that archives thousands of rows; this is linear in the file.
 */
import { formatPatch, type StructuredPatch } from 'diff';
import type { Edit } from './diagnostic.js';

/** Lines of unchanged context around each change, as in `diff -U2`. */
const CONTEXT = 2;

type Hunk = StructuredPatch['hunks'][number];

/** The patch from `oldText` to `newText`, which `edits` (as applied: sorted, apart) made of it. */
export function editsPatch(oldName: string, newName: string, oldText: string, edits: Edit[], newText: string): string {
  const before = new Lines(oldText);
  const after = new Lines(newText);
  // Changed blocks, in line numbers (0-based, end exclusive): old [oa, ob) became new [na, nb).
  const blocks: { oa: number; ob: number; na: number; nb: number }[] = [];
  let shift = 0;
  for (const e of edits) {
    const oa = before.lineOf(e.start);
    const ob = Math.min(before.lineOf(e.end) + 1, before.count);
    const na = after.lineOf(e.start + shift);
    const nb = Math.min(after.lineOf(e.start + shift + e.text.length) + 1, after.count);
    shift += e.text.length - (e.end - e.start);
    const last = blocks[blocks.length - 1];
    // Blocks that touch are one: a line one edit removed and the next put back shows as no change.
    if (last && (oa <= last.ob || na <= last.nb)) Object.assign(last, { ob: Math.max(last.ob, ob), nb: Math.max(last.nb, nb) });
    else blocks.push({ oa, ob, na, nb });
  }
  for (const b of blocks) {
    // Leave out the lines an edit kept: a cell update shows as its row, not its whole table.
    while (b.oa < b.ob && b.na < b.nb && before.line(b.oa) === after.line(b.na)) b.oa++, b.na++;
    while (b.oa < b.ob && b.na < b.nb && before.line(b.ob - 1) === after.line(b.nb - 1)) b.ob--, b.nb--;
  }
  const changed = blocks.filter((b) => b.oa < b.ob || b.na < b.nb);
  const hunks: Hunk[] = [];
  for (let i = 0; i < changed.length; ) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]!.oa - changed[j]!.ob <= 2 * CONTEXT) j++;
    const first = changed[i]!;
    const start = Math.max(0, first.oa - CONTEXT);
    const lines: string[] = [];
    let o = start;
    for (const b of changed.slice(i, j + 1)) {
      for (; o < b.oa; o++) lines.push(...before.render(' ', o, after, o - b.oa + b.na));
      for (; o < b.ob; o++) lines.push(...before.render('-', o));
      for (let n = b.na; n < b.nb; n++) lines.push(...after.render('+', n));
    }
    const lastBlock = changed[j]!;
    const end = Math.min(before.count, lastBlock.ob + CONTEXT);
    for (; o < end; o++) lines.push(...before.render(' ', o, after, o - lastBlock.ob + lastBlock.nb));
    const oldLines = lines.filter((l) => l[0] === ' ' || l[0] === '-').length;
    const newLines = lines.filter((l) => l[0] === ' ' || l[0] === '+').length;
    hunks.push({ oldStart: start + 1, oldLines, newStart: start - first.oa + first.na + 1, newLines, lines });
    i = j + 1;
  }
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: '', newHeader: '', hunks });
}

/** A text's lines, as unified diff sees them: split after `\n`, the last one maybe without. */
class Lines {
  private readonly starts: number[] = [0];
  readonly count: number;
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    // After a final line ending starts no line, but an insertion there goes on a line of its own.
    this.count = this.starts[this.starts.length - 1] === text.length ? this.starts.length - 1 : this.starts.length;
  }
  /** The 0-based line holding `offset`; `count` for the very end after a final line ending. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** Line `n`'s text with its line ending. */
  line(n: number): string {
    return this.text.slice(this.starts[n], n + 1 < this.starts.length ? this.starts[n + 1] : this.text.length);
  }
  /**
   * Line `n` as diff lines: `mark` and the text without `\n`, then git's marker when it is the last
   * line and has no line ending. A context line (`other`, its line `m`) needs the marker only where
   * both texts lack it at that line; where one does, it is shown as `-` and `+` instead.
   */
  render(mark: ' ' | '-' | '+', n: number, other?: Lines, m?: number): string[] {
    const text = this.line(n);
    const open = !text.endsWith('\n');
    if (mark === ' ' && other && m !== undefined) {
      const otherOpen = !other.line(m).endsWith('\n');
      if (open !== otherOpen) return [...this.render('-', n), ...other.render('+', m)];
    }
    return [mark + (open ? text : text.slice(0, -1)), ...(open ? ['\\ No newline at end of file'] : [])];
  }
}
