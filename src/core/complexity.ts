/**
 * A linear pre-scan that refuses documents the markdown parser would take too long (or too much
 * stack) to read. micromark's time grows faster than linearly with some shapes: deep nesting of
 * lists and quotes, long runs of emphasis delimiters or brackets in one paragraph, very long
 * lists, very wide tables. Real tracking documents stay far below these limits; past them the
 * file gets `file/too-complex` and is not parsed, and the other files are linted as usual.
 * Pure: a string in, the first limit passed (if any) out.
 */

/** The limits, documented in docs/README.md ("Limits"). */
export const complexityLimits = {
  /** Characters on one line. */
  lineLength: 100_000,
  /** Containers open on one line: block quotes and list items, by markers and by indentation. */
  nesting: 32,
  /** Emphasis and strikethrough delimiters (`*`, `_`, `~`) in one paragraph or table row. */
  emphasisDelimiters: 1_000,
  /** Brackets (`[`, `]`) in one paragraph or table row. */
  brackets: 1_000,
  /** Backticks and `<` in one paragraph or table row. */
  codeAndHtmlMarks: 4_000,
  /** Items in one list (its nested items included). */
  listItems: 10_000,
  /** Cells in one table row. */
  tableColumns: 256,
} as const;

export interface TooComplex {
  /** What passed its limit, for the message. */
  reason: string;
  /** 1-based line where it did. */
  line: number;
}

const listMarker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const fence = /^ {0,3}(`{3,}|~{3,})/;

/** The first limit `text` passes, or undefined when it is within all of them. */
export function checkComplexity(text: string, limits: typeof complexityLimits = complexityLimits): TooComplex | undefined {
  let line = 0;
  let blockEmphasis = 0;
  let blockBrackets = 0;
  let blockMarks = 0;
  let blockStart = 1;
  let listItems = 0;
  let listStart = 0;
  let previousBlank = true;
  let inFence: string | undefined;
  const endBlock = () => {
    blockEmphasis = blockBrackets = blockMarks = 0;
  };
  for (let pos = 0; pos <= text.length; ) {
    line++;
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const length = end - pos;
    if (length > limits.lineLength) return { reason: `a line of ${length} characters (the limit is ${limits.lineLength})`, line };
    const content = text.slice(pos, end);
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);

    // Fenced code is read as it is: only its length matters.
    const f = fence.exec(content.replace(/^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])[ \t]+)*/, ''));
    if (inFence) {
      if (f && f[1]![0] === inFence[0] && f[1]!.length >= inFence.length) inFence = undefined;
      continue;
    }
    if (f && !(f[1]![0] === '`' && content.slice(content.indexOf(f[1]!) + f[1]!.length).includes('`'))) {
      inFence = f[1];
      endBlock();
      continue;
    }

    const blank = /^[ \t>]*$/.test(content);
    if (blank) {
      endBlock();
      previousBlank = true;
      continue;
    }

    // Containers on this line: markers (`> - > 1.`) and, for a list item, its indentation.
    let i = 0;
    let indent = 0;
    while (i < content.length && (content[i] === ' ' || content[i] === '\t')) indent += content[i++] === '\t' ? 4 : 1;
    let depth = 0;
    let isItem = false;
    for (;;) {
      const rest = content.slice(i, i + 12);
      if (rest[0] === '>') {
        depth++;
        i++;
      } else {
        const m = listMarker.exec(rest);
        if (!m) break;
        depth++;
        isItem = true;
        i += m[0].length;
      }
      while (i < content.length && (content[i] === ' ' || content[i] === '\t')) i++;
      if (depth > limits.nesting) break;
    }
    if (isItem) depth += Math.floor(indent / 2);
    if (depth > limits.nesting) return { reason: `${depth} nested lists or quotes on one line (the limit is ${limits.nesting})`, line };

    // A list runs until a line at the margin that is no list item follows a blank line, or a heading.
    const atMargin = indent === 0 && !isItem;
    if (content.startsWith('#') || (atMargin && previousBlank)) listItems = 0;
    if (isItem) {
      if (listItems === 0) listStart = line;
      if (++listItems > limits.listItems) return { reason: `a list of more than ${limits.listItems} items (from line ${listStart})`, line };
    }

    // A table row is an inline block of its own; other lines add to their paragraph's.
    const tableRow = content[indent] === '|' || (content.includes('|') && /^\s*\|?\s*:?-+:?\s*\|/.test(content));
    // A table row, a list item's first line and a heading each start an inline block of their own.
    if (tableRow || isItem || content[indent] === '#') {
      endBlock();
      blockStart = line;
    } else if (previousBlank) blockStart = line;
    let pipes = 0;
    for (let k = i; k < content.length; k++) {
      const c = content.charCodeAt(k);
      if (c === 42 || c === 95 || c === 126) blockEmphasis++; // * _ ~
      else if (c === 91 || c === 93) blockBrackets++; // [ ]
      else if (c === 96 || c === 60) blockMarks++; // ` <
      else if (c === 124) pipes++;
    }
    if (tableRow && pipes > limits.tableColumns) return { reason: `a table row of ${pipes} cells (the limit is ${limits.tableColumns})`, line };
    const where = tableRow ? `a table row` : `a paragraph (from line ${blockStart})`;
    if (blockEmphasis > limits.emphasisDelimiters) return { reason: `more than ${limits.emphasisDelimiters} emphasis marks (* _ ~) in ${where}`, line };
    if (blockBrackets > limits.brackets) return { reason: `more than ${limits.brackets} brackets in ${where}`, line };
    if (blockMarks > limits.codeAndHtmlMarks) return { reason: `more than ${limits.codeAndHtmlMarks} backticks and < in ${where}`, line };
    if (tableRow) endBlock();
    previousBlank = false;
    if (end >= text.length) break;
  }
  return undefined;
}
