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
import { diff3Regions, type Region } from './diff3.js';
import { mergeUnits } from './structure.js';
import { Versions, windows } from './windows.js';
import type { DocumentKind } from '../model/types.js';
import type { ModelOptions } from '../model/parse.js';
import { conflictBlock, type MarkerOptions } from './markers.js';
import { diffArrays } from 'diff';

export interface MergeOptions {
  /** Conflict labels: git passes none to a driver, so `ours`, `base`, `theirs` by default. */
  labels?: Partial<MarkerOptions['labels']>;
  /** Length of the conflict markers (git's `%L`), 7 by default. */
  markerSize?: number;
  /** `diff3` writes the base's lines in each conflict too. */
  conflictStyle?: 'merge' | 'diff3';
  /** The document's path in the repository (git's `%P`): its kind is detected from it. */
  path?: string;
  kind?: DocumentKind;
  /** The config's table kinds and vocabularies (the built-in ones by default). */
  model?: ModelOptions;
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
  /** Stretches both sides changed that were merged by structure rather than left as conflicts. */
  settled: number;
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
  let settled = 0;
  /** Append lines; a side's last line, written without a line ending, gets one when lines follow it. */
  const push = (...lines: Line[]) => {
    if (!lines.length) return;
    const last = out[out.length - 1];
    if (last && !last.eol) out[out.length - 1] = { content: last.content, eol: markers.eol };
    for (const l of lines) out.push(l);
  };
  const pushConflict = (a: readonly Line[], o: readonly Line[], b: readonly Line[], what: string) => {
    const block = conflictBlock(a, o, b, markers);
    conflicts.push({ line: out.length + block.findIndex((l) => l.content.startsWith('<'.repeat(markers.size))) + 1, what });
    push(...block);
  };
  const lineLevel = (r: Region) => {
    if (r.kind === 'same') {
      // Equal text: ours' bytes, unless only theirs changed the line ending.
      for (let i = 0; i < r.oEnd - r.oStart; i++) {
        const o = O[r.oStart + i]!;
        const a = A[r.aStart + i]!;
        const b = B[r.bStart + i]!;
        push(a.eol === o.eol && b.eol !== o.eol ? b : a);
      }
    } else if (r.kind === 'ours') push(...A.slice(r.aStart, r.aEnd));
    else if (r.kind === 'theirs') push(...B.slice(r.bStart, r.bEnd));
    else {
      const a = A.slice(r.aStart, r.aEnd);
      const b = B.slice(r.bStart, r.bEnd);
      if (a.length === b.length && a.every((l, i) => l.content === b[i]!.content)) push(...a);
      else pushConflict(a, O.slice(r.oStart, r.oEnd), b, 'lines');
    }
  };
  const regions = diff3Regions(identity(O), identity(A), identity(B));
  // Only one side changed anything: its text, as git gives it (nothing to read).
  if (!(regions.some((r) => r.kind === 'ours' || r.kind === 'conflict') && regions.some((r) => r.kind === 'theirs' || r.kind === 'conflict'))) {
    for (const r of regions) lineLevel(r);
    return { text: joinLines(out), clean: true, conflicts, settled };
  }
  const reader = new Versions(O, A, B, options);
  for (const w of windows(regions, reader)) {
    if (!w.structural) {
      for (const r of w.regions) lineLevel(r);
      continue;
    }
    let pieces;
    try {
      pieces = mergeUnits(reader.units(0, w.o), reader.units(1, w.a), reader.units(2, w.b));
    } catch {
      // A window the model cannot read is merged as git would.
      for (const r of w.regions) lineLevel(r);
      continue;
    }
    const before = conflicts.length;
    for (const p of pieces) {
      push(...p.blanks);
      if (p.kind === 'lines') push(...p.lines);
      else pushConflict(p.ours, p.base, p.theirs, p.what);
    }
    if (conflicts.length === before) settled++;
  }
  return { text: joinLines(out), clean: conflicts.length === 0, conflicts, settled };
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
