/**
 * The line-level three-way merge under the structural one: two diffs from the base (jsdiff's
 * Myers diff, linear in the size of the change) combined into regions, diff3 style. A region is
 * either taken from one side (only that side changed those base lines), or a conflict: both sides
 * changed base lines that overlap or touch, or inserted at the same place.
 *
 * node-diff3 does this in one call, but its LCS grows with the square of repeated lines (blank
 * lines, table delimiter rows): on a 1 MB tracker it took 210 s where two Myers diffs take 7 ms.
 */
import { diffArrays } from 'diff';

/** Base lines [oStart, oEnd) became side lines [sStart, sEnd). */
interface Hunk {
  oStart: number;
  oEnd: number;
  sStart: number;
  sEnd: number;
}

/**
 * Base lines [oStart, oEnd) and the lines of ours [aStart, aEnd) and theirs [bStart, bEnd) they
 * became. `same`: no side changed them. `ours`/`theirs`: only that side did. `conflict`: both did.
 */
export interface Region {
  kind: 'same' | 'ours' | 'theirs' | 'conflict';
  oStart: number;
  oEnd: number;
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

function hunks(base: readonly string[], side: readonly string[]): Hunk[] {
  // Most merges change a few lines of a long document: match the common head and tail first.
  let head = 0;
  const max = Math.min(base.length, side.length);
  while (head < max && base[head] === side[head]) head++;
  let tail = 0;
  while (tail < max - head && base[base.length - 1 - tail] === side[side.length - 1 - tail]) tail++;
  const out: Hunk[] = [];
  if (head === base.length && head === side.length) return out;
  const changes = diffArrays(base.slice(head, base.length - tail), side.slice(head, side.length - tail));
  let o = head;
  let s = head;
  let open: Hunk | undefined;
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (!c.added && !c.removed) {
      if (open) out.push(open);
      open = undefined;
      o += n;
      s += n;
      continue;
    }
    open ??= { oStart: o, oEnd: o, sStart: s, sEnd: s };
    if (c.removed) open.oEnd = o += n;
    else open.sEnd = s += n;
  }
  if (open) out.push(open);
  return out;
}

/**
 * Merge identities (compared with ===): the regions, in order, that together make the merged
 * document. Changes of the two sides that overlap, or insert at one place, conflict. Changes that
 * only touch conflict too when `touching` (lines, as in git, where two edits of neighbouring lines
 * are likely one edit); units (rows, tasks, paragraphs) are whole things, so they do not.
 */
export function diff3Regions(base: readonly string[], ours: readonly string[], theirs: readonly string[], touching = true): Region[] {
  const tagged = [
    ...hunks(base, ours).map((h) => ({ ...h, side: 0 as const })),
    ...hunks(base, theirs).map((h) => ({ ...h, side: 1 as const })),
  ].sort((x, y) => x.oStart - y.oStart || x.oEnd - y.oEnd);
  const regions: Region[] = [];
  // Offsets from base line numbers to each side's, before the current group.
  const delta = [0, 0];
  let o = 0;
  for (let i = 0; i < tagged.length; ) {
    const first = tagged[i]!;
    let oEnd = first.oEnd;
    const group = [first];
    // Hunks of one side never touch (a diff joins them); a hunk of the other side that overlaps
    // the group joins it, and so does one that starts where it ends (lines), or where the group
    // inserts (units: two insertions at one place, or an insertion before a unit the other side replaced).
    for (i++; i < tagged.length && tagged[i]!.oStart <= oEnd; i++) {
      const h = tagged[i]!;
      if (!touching && h.oStart === oEnd && !group.some((g) => g.oStart === g.oEnd && g.oStart === h.oStart)) break;
      group.push(h);
      oEnd = Math.max(oEnd, h.oEnd);
    }
    const oStart = first.oStart;
    if (oStart > o) regions.push(unchanged(o, oStart, delta));
    const sides = new Set(group.map((g) => g.side));
    const range = (side: 0 | 1) => {
      const own = group.filter((g) => g.side === side);
      const start = oStart + delta[side]!;
      const grow = own.reduce((n, g) => n + (g.sEnd - g.sStart) - (g.oEnd - g.oStart), 0);
      return { start, end: oEnd + delta[side]! + grow, grow };
    };
    const a = range(0);
    const b = range(1);
    const kind = sides.size === 2 ? 'conflict' : sides.has(0) ? 'ours' : 'theirs';
    regions.push({ kind, oStart, oEnd, aStart: a.start, aEnd: a.end, bStart: b.start, bEnd: b.end });
    delta[0]! += a.grow;
    delta[1]! += b.grow;
    o = oEnd;
  }
  if (o < base.length) regions.push(unchanged(o, base.length, delta));
  return regions;
}

const unchanged = (oStart: number, oEnd: number, delta: number[]): Region => ({
  kind: 'same',
  oStart,
  oEnd,
  aStart: oStart + delta[0]!,
  aEnd: oEnd + delta[0]!,
  bStart: oStart + delta[1]!,
  bEnd: oEnd + delta[1]!,
});
