/**
 * A document as the merge sees it: its lines, each with its own line ending as written, so the
 * output can keep every side's bytes. Lines end where micromark (and LineIndex) end them: at
 * `\r\n`, `\n` or a lone `\r`.
 */
export interface Line {
  /** The line without its ending. */
  content: string;
  /** `\r\n`, `\n`, `\r`, or '' for a last line without one. */
  eol: string;
}

const lineRe = /([^\r\n]*)(\r\n|\n|\r|$)/y;

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  lineRe.lastIndex = 0;
  while (lineRe.lastIndex < text.length) {
    const m = lineRe.exec(text)!;
    out.push({ content: m[1]!, eol: m[2]! });
  }
  return out;
}

export const joinLines = (lines: readonly Line[]): string => {
  let s = '';
  for (const l of lines) s += l.content + l.eol;
  return s;
};

/** The ending most lines of a document use (LF when it has none). */
export function commonEol(lines: readonly Line[]): string {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (const l of lines) {
    if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\n') lf++;
    else if (l.eol === '\r') cr++;
  }
  return crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
}
