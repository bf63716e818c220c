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

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const n = text.length;
  if (!text.includes('\r')) {
    // LF only (most files): no line ending to decide.
    let at = 0;
    while (at < n) {
      const br = text.indexOf('\n', at);
      if (br === -1) {
        out.push({ content: text.slice(at), eol: '' });
        break;
      }
      out.push({ content: text.slice(at, br), eol: '\n' });
      at = br + 1;
    }
    return out;
  }
  let at = 0;
  while (at < n) {
    let i = at;
    while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    if (i === n) {
      out.push({ content: text.slice(at), eol: '' });
      break;
    }
    const eol = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : text[i]!;
    out.push({ content: text.slice(at, i), eol });
    at = i + eol.length;
  }
  return out;
}

export const joinLines = (lines: readonly Line[]): string => {
  const parts: string[] = new Array(lines.length * 2);
  lines.forEach((l, i) => {
    parts[2 * i] = l.content;
    parts[2 * i + 1] = l.eol;
  });
  return parts.join('');
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
