/**
 * `trackdocs merge`: the three-way merge of one document, by structure where trackdocs knows the
 * structure (table rows by key, tasks by text, dated entries by date, Last updated) and line by
 * line elsewhere. Pure: text in, text and conflicts out. See docs/merge.md.
 *
 * The merge starts from git's view: a line-level diff3 of the three versions. Regions only one
 * side changed are taken from that side, byte for byte. Each region both sides changed is offered
 * to the structural resolver, which settles what does not contradict (two rows added, two
 * different tasks ticked, entries under one date) and leaves markers around what does (one cell
 * set to two values, a row deleted on one side and changed on the other).
 */
import { splitLines, joinLines, commonEol, type Line } from './lines.js';
import { diff3Regions } from './diff3.js';
import { conflictBlock, type MarkerOptions } from './markers.js';
import { diffArrays } from 'diff';

export interface MergeOptions {
  /** Conflict labels: git passes none to a driver, so `ours`, `base`, `theirs` by default. */
  labels?: Partial<MarkerOptions['labels']>;
  /** Length of the conflict markers (git's `%L`), 7 by default. */
  markerSize?: number;
  /** `diff3` writes the base's lines in each conflict too. */
  conflictStyle?: 'merge' | 'diff3';
}

export interface MergeConflict {
  /** 1-based line of the `<<<<<<<` marker in the merged text. */
  line: number;
  /** What the two sides disagree on: `row 28677352, column Status`, `lines`. */
  what: string;
}

export interface MergeResult {
  text: string;
  clean: boolean;
  conflicts: MergeConflict[];
}

const identity = (lines: readonly Line[]) => lines.map((l) => l.content);

export function mergeDocuments(base: string, ours: string, theirs: string, options: MergeOptions = {}): MergeResult {
  const O = splitLines(base);
  const A = splitLines(ours);
  const B = splitLines(theirs);
  const markers: MarkerOptions = {
    size: options.markerSize ?? 7,
    labels: { ours: 'ours', base: 'base', theirs: 'theirs', ...options.labels },
    style: options.conflictStyle ?? 'merge',
    eol: commonEol(A.length ? A : B),
  };
  const out: Line[] = [];
  const conflicts: MergeConflict[] = [];
  for (const r of diff3Regions(identity(O), identity(A), identity(B))) {
    if (r.kind === 'same') {
      // Equal text: keep ours' bytes, unless only theirs changed the line ending.
      for (let i = 0; i < r.oEnd - r.oStart; i++) {
        const o = O[r.oStart + i]!;
        const a = A[r.aStart + i]!;
        const b = B[r.bStart + i]!;
        out.push(a.eol === o.eol && b.eol !== o.eol ? b : a);
      }
    } else if (r.kind === 'take') {
      out.push(...(r.side === 'ours' ? A : B).slice(r.start, r.end));
    } else {
      const a = A.slice(r.aStart, r.aEnd);
      const b = B.slice(r.bStart, r.bEnd);
      if (a.length === b.length && a.every((l, i) => l.content === b[i]!.content)) {
        out.push(...a);
        continue;
      }
      const block = conflictBlock(a, O.slice(r.oStart, r.oEnd), b, markers);
      const at = out.length + block.findIndex((l) => l.content.startsWith('<'.repeat(markers.size)));
      conflicts.push({ line: at + 1, what: 'lines' });
      // A side's last line without a line ending gets one before the markers that follow it.
      const last = out[out.length - 1];
      if (last && !last.eol) out[out.length - 1] = { content: last.content, eol: markers.eol };
      out.push(...block);
    }
  }
  return { text: joinLines(out), clean: conflicts.length === 0, conflicts };
}

/**
 * Two versions of one document with no common ancestor (the two sides of conflict markers that
 * were committed): their common lines stand in for the base, so what only one side has is kept,
 * and what both sides wrote differently at one place is merged by structure or conflicts.
 */
export function mergeTwoWay(ours: string, theirs: string, options: MergeOptions = {}): MergeResult {
  const A = splitLines(ours);
  const common: Line[] = [];
  let i = 0;
  for (const c of diffArrays(identity(A), identity(splitLines(theirs)))) {
    const n = c.count ?? c.value.length;
    if (c.added) continue;
    if (!c.removed) common.push(...A.slice(i, i + n));
    i += n;
  }
  return mergeDocuments(joinLines(common), ours, theirs, options);
}
