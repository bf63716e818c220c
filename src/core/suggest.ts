/** "Did you mean …?" for a mistyped name: the nearest candidate by edit distance, if it is near enough. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to `input`, or undefined when none is close: at most a third of the
 * longer name's length in edits (so `formt` finds `format`, `xml` finds nothing). Case is ignored.
 */
export function nearest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(wanted, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(1, Math.floor(Math.max(wanted.length, best.length) / 3)) ? best : undefined;
}

/** ` (did you mean \`x\`?)`, or '' when nothing is near. */
export function didYouMean(input: string, candidates: Iterable<string>, show: (s: string) => string = (s) => `\`${s}\``): string {
  const n = nearest(input, candidates);
  return n === undefined ? '' : ` (did you mean ${show(n)}?)`;
}
