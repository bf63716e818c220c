/**
 * Conflict markers that were committed: reading a document that still holds git's markers back
 * into its two sides (and the base, when every conflict has a diff3 base section), so that
 * `trackdocs resolve` can merge them by structure. Pure: text in, sides or problems out.
 *
 * Markers are read strictly, as git wrote them: each conflict opens with `<<<<<<<`, may hold one
 * `|||||||` base section, has one `=======` and closes with `>>>>>>>`, all of one size; a marker of
 * another size inside a conflict is a line of its content. When that reading finds a problem, the
 * looser reading of the `git/conflict-marker` rule is tried: only complete conflicts count, and the
 * markers left over must be explained as markdown (a lone `=======` under text outside every
 * conflict is a setext underline; a `<<<<<<<` or `>>>>>>>` in a code block is an example). If a
 * left-over marker cannot be explained, the strict reading's problems are reported and nothing is
 * resolved: guessing which lines belong to which side could drop people's words.
 */
import { completeSequences, markerLines, type MarkerLine, type MarkerSequence } from '../core/conflict-markers.js';
import { mergeDocuments, mergeTwoWay, type MergeConflict, type MergeOptions } from './index.js';

export type { MarkerLine } from '../core/conflict-markers.js';

/** One committed conflict. */
export interface CommittedConflict {
  open: MarkerLine;
  /** The `|||||||` line of the diff3 style, when there is one. */
  base?: MarkerLine;
  separator: MarkerLine;
  close: MarkerLine;
  /** Marker size (7 unless the file was merged with a `conflict-marker-size` attribute). */
  size: number;
}

/** A marker that cannot be read as part of a conflict. */
export interface MarkerProblem {
  /** 1-based line and column of the marker. */
  line: number;
  column: number;
  offset: number;
  message: string;
}

export type CommittedSides =
  /**
   * The sides as whole documents: `ours` is the text with each conflict replaced by its first
   * side, `theirs` by its second, `base` by its base section when every conflict has one.
   * No conflicts: `conflicts` is empty and the sides are the text.
   */
  | { ok: true; ours: string; theirs: string; base: string | undefined; conflicts: CommittedConflict[] }
  /** Nested or unbalanced markers: each problem, and nothing resolved. */
  | { ok: false; problems: MarkerProblem[] };

export interface ReadOptions {
  /** Whether an offset lies in a code block (an example), for explaining stray markers. Default: never. */
  inCode?: (offset: number) => boolean;
  /** The smallest marker size to read (git's `conflict-marker-size`); default 7. */
  minSize?: number;
}

const where = (m: MarkerLine) => `line ${m.line}`;
const shown = (m: MarkerLine) => `\`${m.kind.repeat(m.size)}\``;

/** The conflicts of a text, read strictly, or the problems that reading met. */
function readStrictly(markers: readonly MarkerLine[], inCode: (offset: number) => boolean): { conflicts: CommittedConflict[]; problems: MarkerProblem[] } {
  const conflicts: CommittedConflict[] = [];
  const problems: MarkerProblem[] = [];
  const problem = (m: MarkerLine, message: string) => problems.push({ line: m.line, column: 1, offset: m.start, message });
  const stack: { open: MarkerLine; base?: MarkerLine; separator?: MarkerLine }[] = [];
  // A `=======` or `|||||||` outside every conflict is markdown (a setext underline, a table row)
  // unless a `>>>>>>>` follows it with no opener between: then it is what is left of a conflict
  // whose `<<<<<<<` was deleted.
  let strays: MarkerLine[] = [];
  for (const m of markers) {
    const top = stack[stack.length - 1];
    if (top && m.size !== top.open.size) continue;
    if (m.kind === '<') {
      if (top) problem(m, `${shown(m)} inside the conflict opened at ${where(top.open)}: nested conflict markers`);
      stack.push({ open: m });
      strays = [];
    } else if (!top) {
      if (m.kind !== '>') strays.push(m);
      else if (!inCode(m.start)) {
        for (const s of strays.filter((s) => !inCode(s.start))) problem(s, `${shown(s)} outside any conflict: no \`<<<<<<<\` before it`);
        problem(m, `${shown(m)} closes no conflict: no \`<<<<<<<\` before it`);
        strays = [];
      }
    } else if (m.kind === '|') {
      if (top.separator) problem(m, `${shown(m)} after the \`=======\` (${where(top.separator)}) of the conflict opened at ${where(top.open)}`);
      else if (top.base) problem(m, `a second ${shown(m)} in the conflict opened at ${where(top.open)} (the first is at ${where(top.base)})`);
      else top.base = m;
    } else if (m.kind === '=') {
      if (top.separator) problem(m, `a second ${shown(m)} in the conflict opened at ${where(top.open)} (the first is at ${where(top.separator)}); if one is a heading underline, make it longer or shorter than the markers`);
      else top.separator = m;
    } else {
      stack.pop();
      if (!top.separator) problem(m, `${shown(m)} closes the conflict opened at ${where(top.open)}, which has no \`=======\``);
      else if (stack.length === 0) conflicts.push({ ...top, separator: top.separator, close: m, size: m.size });
    }
  }
  for (const open of stack) {
    const sep = open.separator ? ` (its \`=======\` is at ${where(open.separator)})` : '';
    problem(open.open, `${shown(open.open)} opens a conflict that is never closed: no \`${'>'.repeat(open.open.size)}\` after it${sep}`);
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { conflicts, problems };
}

/**
 * The looser reading (the rule's): the complete conflicts, when every marker outside them is
 * explained as markdown. Undefined when one is not.
 */
function readLoosely(markers: readonly MarkerLine[], inCode: (offset: number) => boolean): CommittedConflict[] | undefined {
  const sequences = completeSequences(markers);
  const inSequence = new Set<MarkerLine>();
  for (const s of sequences) for (const m of [s.open, s.base, s.separator, s.close]) if (m) inSequence.add(m);
  const within = (m: MarkerLine) => sequences.find((s) => s.open.start < m.start && m.start < s.close.start);
  for (const m of markers) {
    if (inSequence.has(m)) continue;
    const holder = within(m);
    // Inside a conflict, a marker of another size is content; one of its own size is not explained.
    if (holder) {
      if (m.size === holder.open.size) return undefined;
      continue;
    }
    const explained = m.kind === '=' || m.kind === '|' || inCode(m.start);
    if (!explained) return undefined;
  }
  return sequences.map((s: MarkerSequence) => ({ ...s, size: s.open.size }));
}

/** Read a document's committed conflict markers into its sides, or report why they cannot be read. */
export function readCommittedConflicts(text: string, options: ReadOptions = {}): CommittedSides {
  const inCode = options.inCode ?? (() => false);
  const markers = markerLines(text, options.minSize);
  const strict = readStrictly(markers, inCode);
  let conflicts = strict.conflicts;
  if (strict.problems.length) {
    const loose = readLoosely(markers, inCode);
    if (!loose) return { ok: false, problems: strict.problems };
    conflicts = loose;
  }
  let ours = '';
  let theirs = '';
  let base = '';
  let at = 0;
  for (const c of conflicts) {
    const outside = text.slice(at, c.open.start);
    ours += outside + text.slice(c.open.next, (c.base ?? c.separator).start);
    theirs += outside + text.slice(c.separator.next, c.close.start);
    base += outside + (c.base ? text.slice(c.base.next, c.separator.start) : '');
    at = c.close.next;
  }
  const rest = text.slice(at);
  const everyBase = conflicts.length > 0 && conflicts.every((c) => c.base);
  return { ok: true, ours: ours + rest, theirs: theirs + rest, base: everyBase ? base + rest : undefined, conflicts };
}

/** What `trackdocs resolve` makes of a document. */
export type ResolvePlan =
  /** No conflict markers: nothing to resolve. */
  | { status: 'no-markers' }
  /** Nested or unbalanced markers: nothing resolved. */
  | { status: 'unbalanced'; problems: MarkerProblem[] }
  /** The sides merged: `clean` when no conflict is left in `text`. */
  | { status: 'merged'; text: string; clean: boolean; conflicts: MergeConflict[]; read: CommittedConflict[]; threeWay: boolean };

/** The one value every conflict agrees on, else undefined. */
function shared<T>(values: T[]): T | undefined {
  return values.length && values.every((v) => v === values[0]) ? values[0] : undefined;
}

/**
 * Merge a document's committed conflicts by structure: the two sides as a two-way merge (what
 * only one side has is kept; what both wrote differently at one place stays a conflict), or as a
 * three-way merge when every conflict carries its base section (the diff3 style). Conflicts left
 * are written with the file's own labels and marker size.
 */
export function resolveCommitted(text: string, options: ReadOptions & { merge?: MergeOptions } = {}): ResolvePlan {
  const read = readCommittedConflicts(text, options);
  if (!read.ok) return { status: 'unbalanced', problems: read.problems };
  if (read.conflicts.length === 0) return { status: 'no-markers' };
  const ours = shared(read.conflicts.map((c) => c.open.label)) || undefined;
  const theirs = shared(read.conflicts.map((c) => c.close.label)) || undefined;
  const base = shared(read.conflicts.map((c) => c.base?.label)) || undefined;
  const merge: MergeOptions = {
    ...options.merge,
    labels: { ...(ours && { ours }), ...(theirs && { theirs }), ...(base && { base }), ...options.merge?.labels },
    markerSize: options.merge?.markerSize ?? shared(read.conflicts.map((c) => c.size)) ?? 7,
    conflictStyle: options.merge?.conflictStyle ?? (read.base !== undefined ? 'diff3' : 'merge'),
  };
  const merged = read.base !== undefined ? mergeDocuments(read.base, read.ours, read.theirs, merge) : mergeTwoWay(read.ours, read.theirs, merge);
  return { status: 'merged', text: merged.text, clean: merged.clean, conflicts: merged.conflicts, read: read.conflicts, threeWay: read.base !== undefined };
}
