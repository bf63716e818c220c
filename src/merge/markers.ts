/** Conflict markers as git writes them, around the smallest hunk the merge could not settle. */
import type { Line } from './lines.js';

export interface MarkerOptions {
  /** Marker length: git's `%L` (7 unless a `conflict-marker-size` attribute says otherwise). */
  size: number;
  labels: { ours: string; base: string; theirs: string };
  /** `diff3` adds the base's lines between `|||||||` and `=======`, as git's merge.conflictStyle does. */
  style: 'merge' | 'diff3';
  eol: string;
}

const withEol = (line: Line, eol: string): Line => (line.eol ? line : { content: line.content, eol });

/**
 * A conflict block: the lines the two sides share at its head and tail stay outside the markers
 * (git's "zealous" level), so only the lines that differ are inside.
 */
export function conflictBlock(ours: readonly Line[], base: readonly Line[], theirs: readonly Line[], m: MarkerOptions, trim = true): Line[] {
  let head = 0;
  let tail = 0;
  if (trim && m.style === 'merge') {
    const max = Math.min(ours.length, theirs.length);
    while (head < max && ours[head]!.content === theirs[head]!.content) head++;
    while (tail < max - head && ours[ours.length - 1 - tail]!.content === theirs[theirs.length - 1 - tail]!.content) tail++;
  }
  // Nothing differs once the shared lines are out (both sides wrote the same): no markers.
  if (head + tail === ours.length && ours.length === theirs.length) return [...ours];
  const marker = (ch: string, label: string): Line => ({ content: ch.repeat(m.size) + (label ? ' ' + label : ''), eol: m.eol });
  const out: Line[] = ours.slice(0, head).map((l) => withEol(l, m.eol));
  out.push(marker('<', m.labels.ours), ...ours.slice(head, ours.length - tail).map((l) => withEol(l, m.eol)));
  if (m.style === 'diff3') out.push(marker('|', m.labels.base), ...base.map((l) => withEol(l, m.eol)));
  out.push(marker('=', ''), ...theirs.slice(head, theirs.length - tail).map((l) => withEol(l, m.eol)), marker('>', m.labels.theirs));
  out.push(...ours.slice(ours.length - tail));
  return out;
}
