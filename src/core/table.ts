/**
 * Tables as data: every GFM table in a document with its header, rows and cells, each cell carrying
 * the offsets of its content so a diagnostic can point at it and an edit can replace exactly it.
 * Cells are split from the source line the way GFM does (unescaped pipes), which also tells us
 * when a row has the wrong number of cells — something the mdast tree hides.
 */
import type { Root, Table as MdTable, Link, Nodes } from 'mdast';
import { collectNodes, plainText } from './markdown.js';
import type { LineIndex } from './text.js';

/** One cell: its source text (trimmed), its plain text, and its content offsets. */
export interface Cell {
  /** The cell's markdown source, trimmed. */
  source: string;
  /** The cell's text without markup (links become their text, code its value). */
  text: string;
  start: number;
  end: number;
  /** Link targets written in the cell. */
  links: { url: string; start: number; end: number }[];
}

export interface TableRow {
  /** 1-based source line. */
  line: number;
  /** Offsets of the whole line's content (no line ending). */
  start: number;
  end: number;
  cells: Cell[];
}

export interface RawTable {
  /** Text of the nearest heading above the table, if any. */
  heading: string | undefined;
  headingDepth: number;
  start: number;
  end: number;
  header: TableRow;
  /** 1-based line of the delimiter row. */
  delimiterLine: number;
  rows: TableRow[];
  /** Set for a table inside a block quote or a list item; its rows start after the container's markers. */
  container?: 'blockquote' | 'list';
}

/**
 * Split one table line into cells, GFM style. Offsets are relative to the document. A pipe is a
 * delimiter unless escaped, and a backslash escapes the next backslash or pipe (as micromark reads
 * them), so in `| C:\\runs\\|` the last pipe ends the row: it is preceded by an escaped backslash.
 */
export function splitRow(text: string, lineStart: number, lineEnd: number): { start: number; end: number }[] {
  let i = lineStart;
  let end = lineEnd;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\r')) end--;
  const pipes: number[] = [];
  for (let k = i; k < end; k++) {
    const c = text[k];
    if (c === '\\' && (text[k + 1] === '|' || text[k + 1] === '\\')) k++;
    else if (c === '|') pipes.push(k);
  }
  let first = 0;
  if (pipes[0] === i) {
    i++;
    first = 1;
  }
  if (pipes.length > first && pipes[pipes.length - 1] === end - 1) {
    end--;
    pipes.pop();
  }
  const spans: { start: number; end: number }[] = [];
  let cellStart = i;
  for (let p = first; p < pipes.length; p++) {
    spans.push(trim(text, cellStart, pipes[p]!));
    cellStart = pipes[p]! + 1;
  }
  // The last cell runs to the trailing pipe (or the end): it is a cell even when empty (`| a ||`).
  spans.push(trim(text, cellStart, end));
  return spans;
}

/** Whether the character at `pos` is escaped: preceded by an odd number of backslashes. */
export function isEscaped(text: string, pos: number): boolean {
  let n = 0;
  while (pos - n - 1 >= 0 && text[pos - n - 1] === '\\') n++;
  return n % 2 === 1;
}

function trim(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  // An empty cell is placed after its first space, where a writer would put content.
  if (s === e && end > start && text[start] === ' ') return { start: start + 1, end: start + 1 };
  return { start: s, end: e };
}


/** Every table in the document (those in block quotes and list items too), with the heading it sits under. */
export function extractTables(root: Root, text: string, lines: LineIndex): RawTable[] {
  const tables: RawTable[] = [];
  let heading: string | undefined;
  let headingDepth = 0;
  for (const node of root.children) {
    if (node.type === 'heading') {
      heading = plainText(node).trim();
      headingDepth = node.depth;
    } else if (node.type === 'table') {
      tables.push(readTable(node, heading, headingDepth, text, lines));
    } else if (node.type === 'blockquote' || node.type === 'list') {
      const stack: Nodes[] = [node];
      const nested: MdTable[] = [];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'table') nested.push(n);
        else if ('children' in n && (n.type === 'blockquote' || n.type === 'list' || n.type === 'listItem')) stack.push(...(n.children as Nodes[]));
      }
      nested.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
      for (const t of nested) tables.push({ ...readTable(t, heading, headingDepth, text, lines, true), container: node.type === 'blockquote' ? 'blockquote' : 'list' });
    }
  }
  return tables;
}

function readTable(node: MdTable, heading: string | undefined, headingDepth: number, text: string, lines: LineIndex, nested = false): RawTable {
  const rows: TableRow[] = node.children.map((mdRow) => {
    // The row's line comes from its offset, through the same line index every position and edit
    // uses: offsets are what the parser is sure of, and so a row can never be read one line off.
    const line = lines.point(mdRow.position!.start.offset!).line;
    const start = nested ? Math.max(lines.lineStart(line), mdRow.position!.start.offset!) : lines.lineStart(line);
    const end = lines.lineEnd(line);
    const spans = splitRow(text, start, end);
    const cells = spans.map((span, i): Cell => {
      const mdCell = mdRow.children[i];
      const links = mdCell ? (collectNodes(mdCell, (n) => n.type === 'link') as Link[]) : [];
      return {
        source: text.slice(span.start, span.end),
        text: mdCell ? plainText(mdCell).trim() : text.slice(span.start, span.end),
        start: span.start,
        end: span.end,
        links: links.map((l) => ({ url: l.url, start: l.position!.start.offset!, end: l.position!.end.offset! })),
      };
    });
    return { line, start, end, cells };
  });
  const [header, ...body] = rows;
  return {
    heading,
    headingDepth,
    start: node.position!.start.offset!,
    end: node.position!.end.offset!,
    header: header!,
    delimiterLine: header!.line + 1,
    rows: body,
  };
}
