/**
 * Text utilities shared by the parser, the rules and the fixer: mapping offsets to 1-based
 * line/column positions, and display widths. (Bytes to text is in encoding.ts.)
 */

/** A point in a document: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range [start, end) in a document's text. */
export interface Range {
  start: Point;
  end: Point;
}

/**
 * Maps offsets to points in one text; built once per document. Lines end where micromark (the
 * parser) ends them: at `\r\n`, `\n` or a lone `\r`. Splitting on `\n` alone would put every line
 * after a stray `\r` (a progress bar pasted in a code block) one line off from the tree's positions,
 * and an edit planned from a line number would land in the wrong line.
 */
export class LineIndex {
  /** Offsets at which each line starts. */
  readonly lineStarts: number[];
  constructor(readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  point(offset: number): Point {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }

  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(end) };
  }

  /** The offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** The offset just past a 1-based line's content (before its `\r\n`, `\n` or `\r`). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** The line ending of a 1-based line as written (`\r\n`, `\n`, `\r`), or '' for the last line. */
  lineEnding(line: number): string {
    return this.text.slice(this.lineEnd(line), this.lineStart(line + 1));
  }

  /** The line ending written most often (`\n` when there is none), for text a writer adds. */
  commonEnding(): string {
    const counts = new Map<string, number>();
    for (let line = 1; line < this.lineStarts.length; line++) {
      const ending = this.lineEnding(line);
      counts.set(ending, (counts.get(ending) ?? 0) + 1);
    }
    let best = '\n';
    for (const [ending, n] of counts) if (n > (counts.get(best) ?? 0)) best = ending;
    return best;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/** The offsets at which lines start: 0, then after every `\r\n`, `\n` and lone `\r`. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  const lineBreak = /\r\n|\r|\n/g;
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** Width of a string in terminal columns: wide East Asian characters and emoji count as two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f || cp === 0x200d || (cp >= 0x300 && cp < 0x370)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

const emojiPresentation = /\p{Emoji_Presentation}/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    (cp >= 0x231a && emojiPresentation.test(String.fromCodePoint(cp)))
  );
}
