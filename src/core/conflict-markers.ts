/**
 * Git's conflict markers, recognised in one place: the `git/conflict-marker` rule and
 * `trackdocs resolve` (src/merge/committed.ts) read them alike.
 *
 * A marker is a line that starts with a run of one character: `<<<<<<<` (with a label after a
 * space, or none), `|||||||` (the base section of the diff3 style, a label or none), `=======`
 * (alone, trailing blanks allowed) or `>>>>>>>` (a label or none). Git writes 7 by default, more when
 * a `conflict-marker-size` attribute says so; the markers of one conflict have one size.
 */

export type MarkerKind = '<' | '|' | '=' | '>';

/** A line that has the shape of a conflict marker. */
export interface MarkerLine {
  kind: MarkerKind;
  /** How many times the character is repeated. */
  size: number;
  /** What follows the marker and its space (`HEAD`, `feature-branch`), '' when nothing. */
  label: string;
  /** 1-based line number. */
  line: number;
  /** Offset of the line's start (the marker is always at column 1). */
  start: number;
  /** Offset just past the marker and its label (before the line ending). */
  end: number;
  /** Offset of the next line's start (past the line ending; the text's length on the last line). */
  next: number;
}

/** The smallest marker size recognised without being asked: git's default. */
export const DEFAULT_MARKER_SIZE = 7;

const lineRe = /([^\r\n]*)(\r\n|\n|\r|$)/y;
const shapeRe = /^(?:([<|>])\1*(?: ([^]*))?|(=)=*[ \t]*)$/;

/**
 * Every line of `text` shaped like a marker of at least `minSize` characters, in order. Lines end
 * where micromark ends them: at `\r\n`, `\n` or a lone `\r`.
 */
export function markerLines(text: string, minSize = DEFAULT_MARKER_SIZE): MarkerLine[] {
  const out: MarkerLine[] = [];
  const first = Math.min(...(['<', '|', '=', '>'] as const).map((c) => indexOrEnd(text, c.repeat(minSize))));
  if (first === text.length) return out;
  lineRe.lastIndex = 0;
  let line = 0;
  while (lineRe.lastIndex < text.length) {
    const start = lineRe.lastIndex;
    const m = lineRe.exec(text)!;
    line++;
    const content = m[1]!;
    const c = content[0];
    if (c !== '<' && c !== '|' && c !== '=' && c !== '>') continue;
    let size = 1;
    while (content[size] === c) size++;
    if (size < minSize) continue;
    const shape = shapeRe.exec(content);
    if (!shape) continue;
    const end = c === '=' ? start + size : start + content.length;
    out.push({ kind: c, size, label: shape[2] ?? '', line, start, end, next: lineRe.lastIndex });
  }
  return out;
}

function indexOrEnd(text: string, s: string): number {
  const i = text.indexOf(s);
  return i === -1 ? text.length : i;
}

/** A conflict as git writes it: an opening marker, an optional base section, the separator, the closing marker. */
export interface MarkerSequence {
  open: MarkerLine;
  base?: MarkerLine;
  separator: MarkerLine;
  close: MarkerLine;
}

/**
 * The complete conflicts of a text: a `<<<<<<<`, then (after an optional `|||||||`) a `=======`,
 * then a `>>>>>>>`, of one size. Anything less is not one: a lone `=======` under a line of text is
 * a setext heading underline, and a `<<<<<<<` in an example that nothing closes is text. A later
 * `<<<<<<<` starts afresh, so an unfinished opener before a real conflict does not hide it.
 */
export function completeSequences(markers: readonly MarkerLine[]): MarkerSequence[] {
  const out: MarkerSequence[] = [];
  let open: MarkerLine | undefined;
  let base: MarkerLine | undefined;
  let separator: MarkerLine | undefined;
  for (const m of markers) {
    if (m.kind === '<') {
      open = m;
      base = separator = undefined;
    } else if (!open || m.size !== open.size) continue;
    else if (m.kind === '|' && !separator && !base) base = m;
    else if (m.kind === '=') separator = m;
    else if (m.kind === '>' && separator) {
      out.push(base ? { open, base, separator, close: m } : { open, separator, close: m });
      open = base = separator = undefined;
    }
  }
  return out;
}
