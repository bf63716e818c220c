/**
 * Where the merge reads structure: only around the stretches both sides changed. Each such
 * stretch is widened to a window that runs from a heading every version shares (unchanged, where
 * nothing can be open) to the next such heading, so the model reads whole tables and lists, and
 * the rest of the document is merged line by line without ever being parsed. A 1 MB tracker with
 * two conflicting rows parses a few kilobytes.
 */
import type { Line } from './lines.js';
import type { Region } from './diff3.js';
import { readUnits, type Unit } from './units.js';
import { safeHeadingLines } from '../core/markdown.js';
import { detectKind } from '../model/detect.js';
import type { DocumentKind } from '../model/types.js';
import type { ModelOptions } from '../model/parse.js';
import { resolveConfig } from '../config/resolve.js';

export interface Window {
  /** Read by structure (a stretch both sides changed is inside), or merged line by line. */
  structural: boolean;
  regions: Region[];
  /** The window's lines in base, ours and theirs: [start, end). */
  o: [number, number];
  a: [number, number];
  b: [number, number];
}

/** The three versions, with what the windows need of them computed once. */
export class Versions {
  readonly lines: (readonly Line[])[];
  private headings: (Set<number> | undefined)[] = [];
  private headingList: (number[] | undefined)[] = [];
  readonly kind: DocumentKind;
  readonly model: ModelOptions;
  readonly path: string;

  constructor(O: readonly Line[], A: readonly Line[], B: readonly Line[], options: { path?: string; kind?: DocumentKind; model?: ModelOptions }) {
    this.lines = [O, A, B];
    this.path = options.path ?? '';
    this.kind = options.kind ?? detectKind(this.path, A.slice(0, 200).map((l) => l.content + l.eol).join(''));
    this.model = options.model ?? resolveConfig({}, '', undefined).model;
  }

  private safe(v: number): Set<number> {
    if (!this.headings[v]) {
      const list = safeHeadingLines(this.lines[v]!.map((l) => l.content));
      this.headingList[v] = list;
      this.headings[v] = new Set(list);
    }
    return this.headings[v]!;
  }

  isSafeHeading(v: number, line: number): boolean {
    return this.safe(v).has(line);
  }

  /** The heading lines above `line` that enclose it, outermost first. */
  ancestors(v: number, line: number): string[] {
    this.safe(v);
    const open: { depth: number; text: string }[] = [];
    for (const h of this.headingList[v]!) {
      if (h >= line) break;
      const text = this.lines[v]![h]!.content;
      const depth = /^#+/.exec(text)![0].length;
      while (open.length && open[open.length - 1]!.depth >= depth) open.pop();
      open.push({ depth, text });
    }
    return open.map((h) => h.text);
  }

  units(v: number, [start, end]: [number, number]): Unit[] {
    return readUnits({ lines: this.lines[v]!.slice(start, end), ancestors: this.ancestors(v, start), path: this.path, kind: this.kind, model: this.model });
  }
}

/** A stretch both sides changed, and not to the same lines. */
export const conflicting = (r: Region, lines: readonly (readonly Line[])[]) => {
  if (r.kind !== 'conflict') return false;
  const a = lines[1]!.slice(r.aStart, r.aEnd);
  const b = lines[2]!.slice(r.bStart, r.bEnd);
  return !(a.length === b.length && a.every((l, i) => l.content === b[i]!.content));
};

/** A `same` region cut at base line `at`: the part before and the part from it. */
function cut(r: Region, at: number): [Region, Region] {
  const d = at - r.oStart;
  return [
    { ...r, oEnd: at, aEnd: r.aStart + d, bEnd: r.bStart + d },
    { ...r, oStart: at, aStart: r.aStart + d, bStart: r.bStart + d },
  ];
}

interface Bound {
  /** Which sides added lines in the window, and whether their changes overlap there. */
  oursAdds: boolean;
  theirsAdds: boolean;
  conflict: boolean;
  /** The region holding the window's first line (-1: from the start), and that line in base. */
  from: number;
  fromLine: number;
  /** The region holding the line that ends it (regions.length: to the end), and that line in base. */
  to: number;
  toLine: number;
}

/**
 * The regions grouped into windows, in order. A window is read by structure when the two sides'
 * changes overlap in it, or when both added lines to it even where their lines do not touch: a
 * line diff may slide two insertions apart over a blank line (a date heading each side added above
 * the same day), and only the structure knows which goes first. What lies between such windows is
 * merged line by line.
 */
export function windows(regions: Region[], v: Versions): Window[] {
  const shared = (r: Region, line: number) => r.kind === 'same' && [line, r.aStart + line - r.oStart, r.bStart + line - r.oStart].every((l, k) => v.isSafeHeading(k, l));
  // For each stretch needing structure: the shared heading at or before it, and the next one after it.
  const bounds: Bound[] = [];
  regions.forEach((r, i) => {
    if (r.kind === 'same') return;
    const conflict = conflicting(r, v.lines);
    const b: Bound = { from: -1, fromLine: 0, to: regions.length, toLine: Infinity, oursAdds: r.kind !== 'theirs' && r.aEnd - r.aStart > r.oEnd - r.oStart, theirsAdds: r.kind !== 'ours' && r.bEnd - r.bStart > r.oEnd - r.oStart, conflict };
    search: for (let j = i - 1; j >= 0; j--) {
      const s = regions[j]!;
      for (let line = s.oEnd - 1; line >= s.oStart; line--) if (shared(s, line)) {
        b.from = j;
        b.fromLine = line;
        break search;
      }
    }
    search: for (let j = i + 1; j < regions.length; j++) {
      const s = regions[j]!;
      for (let line = s.oStart; line < s.oEnd; line++) if (shared(s, line)) {
        b.to = j;
        b.toLine = line;
        break search;
      }
    }
    const last = bounds[bounds.length - 1];
    if (last && (b.from < last.to || (b.from === last.to && b.fromLine <= last.toLine))) {
      if (b.to > last.to || (b.to === last.to && b.toLine > last.toLine)) {
        last.to = b.to;
        last.toLine = b.toLine;
      }
      last.oursAdds ||= b.oursAdds;
      last.theirsAdds ||= b.theirsAdds;
      last.conflict ||= b.conflict;
    } else bounds.push(b);
  });
  // Where both sides only changed lines in place (a cell here, a tick there), the line merge is
  // the structural one and reads nothing; where both inserted, the order of what they inserted
  // needs the structure.
  const structural = bounds.filter((b) => b.conflict || (b.oursAdds && b.theirsAdds));
  bounds.length = 0;
  bounds.push(...structural);
  const out: Window[] = [];
  let current: Window | undefined;
  const add = (structural: boolean, r: Region) => {
    if (r.oStart === r.oEnd && r.aStart === r.aEnd && r.bStart === r.bEnd) return;
    if (!current || current.structural !== structural) {
      current = { structural, regions: [], o: [r.oStart, r.oEnd], a: [r.aStart, r.aEnd], b: [r.bStart, r.bEnd] };
      out.push(current);
    }
    current.regions.push(r);
    current.o[1] = r.oEnd;
    current.a[1] = r.aEnd;
    current.b[1] = r.bEnd;
  };
  // Each bound opens a window at its first line and closes it at its last: cut the regions there.
  const cuts: { region: number; line: number }[] = [];
  let inside = false;
  for (const b of bounds) {
    if (b.from === -1) inside = true;
    else cuts.push({ region: b.from, line: b.fromLine });
    if (b.to < regions.length) cuts.push({ region: b.to, line: b.toLine });
  }
  let c = 0;
  regions.forEach((r0, i) => {
    let r = r0;
    while (c < cuts.length && cuts[c]!.region === i) {
      const [head, rest] = cut(r, cuts[c]!.line);
      add(inside, head);
      inside = !inside;
      current = undefined;
      r = rest;
      c++;
    }
    add(inside, r);
  });
  return out;
}
