/**
 * Markdown to mdast with positions, via unified + remark-parse and the GFM extensions trackdocs
 * reads: tables, task-list items and strikethrough. These are the packages remark-gfm is built
 * from; its other parts (literal autolinks, footnotes) touch nothing the model or the rules read
 * and cost a fifth of the parse time, so they are left out. test/markdown.test.ts checks that the
 * tables and tasks read are the same as with remark-gfm.
 *
 * micromark's time grows faster than the document, so a large document is parsed in independent
 * pieces split before ATX headings (outside fenced code and HTML comments) and the pieces' positions
 * are shifted back into the whole text. Small documents are parsed whole, exactly as remark would.
 */
import type { Root, RootContent, Nodes } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';

/** A remark plugin adding the GFM syntax trackdocs reads. */
function gfmTablesAndTasks(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmTablesAndTasks).freeze();

/** Documents larger than this (in UTF-16 units) are parsed piecewise. */
export const CHUNK_THRESHOLD = 48 * 1024;
const CHUNK_TARGET = 16 * 1024;

/**
 * Parse `text` into an mdast root whose positions refer to `text`. Never throws on any string.
 * `whole: true` parses in one piece whatever the size (tests compare the two).
 */
export function parseMarkdown(text: string, options: { whole?: boolean } = {}): Root {
  if (options.whole || text.length <= CHUNK_THRESHOLD) return processor.parse(text) as Root;
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
  for (const chunk of splitIntoChunks(text)) {
    const last = root.children[root.children.length - 1];
    if (chunk.table && last?.type === 'table' && last.position!.end.line === chunk.line - 1) {
      // The rows of a long table, parsed under a copy of its header and delimiter rows.
      const prefix = chunk.table.header + '\n' + chunk.table.delimiter + '\n';
      const part = processor.parse(prefix + text.slice(chunk.start, chunk.end)) as Root;
      const [first, ...rest] = part.children;
      if (first?.type === 'table') {
        for (const child of part.children) shift(child, chunk.line - 3, chunk.start - prefix.length);
        last.children.push(...first.children.slice(1));
        last.position!.end = first.position!.end;
        root.children.push(...(rest as RootContent[]));
        continue;
      }
    }
    const part = processor.parse(text.slice(chunk.start, chunk.end)) as Root;
    for (const child of part.children) {
      shift(child, chunk.line - 1, chunk.start);
      root.children.push(child as RootContent);
    }
  }
  return root;
}

function endPoint(text: string) {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: text.length - lastBreak, offset: text.length };
}

function shift(node: Nodes, lines: number, offset: number): void {
  const pos = node.position;
  if (pos) {
    pos.start.line += lines;
    pos.end.line += lines;
    pos.start.offset = (pos.start.offset ?? 0) + offset;
    pos.end.offset = (pos.end.offset ?? 0) + offset;
  }
  if ('children' in node) for (const child of node.children) shift(child as Nodes, lines, offset);
}

interface Chunk {
  start: number;
  end: number;
  /** 1-based line on which the chunk starts. */
  line: number;
  /** Set when the chunk starts inside a table: the table's header and delimiter rows. */
  table?: { header: string; delimiter: string };
}

const headingLine = /^ {0,3}#{1,6}(?:[ \t]|\r?$)/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;
const delimiterRow = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

/**
 * Split before headings that start a block, grouping small sections into chunks of ~16 KB; a table
 * longer than that is also split between its rows (rows written with a leading pipe), and the
 * next chunk carries the table's header and delimiter rows so it can be parsed on its own.
 */
export function splitIntoChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 1;
  let chunkTable: Chunk['table'];
  let line = 1;
  let fence: string | undefined;
  let inComment = false;
  let table: Chunk['table'];
  let previous: string | undefined;
  let beforePrevious: string | undefined;
  const cut = (pos: number, next: Chunk['table']) => {
    chunks.push({ start: chunkStart, end: pos, line: chunkLine, ...(chunkTable ? { table: chunkTable } : {}) });
    chunkStart = pos;
    chunkLine = line;
    chunkTable = next;
  };
  for (let pos = 0; pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const content = text.slice(pos, lineEnd);
    if (fence) {
      const close = fenceLine.exec(content);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && content.slice(close[0].length).trim() === '') fence = undefined;
    } else if (inComment) {
      if (content.includes('-->')) inComment = false;
    } else if (table && content.startsWith('|')) {
      if (pos - chunkStart >= CHUNK_TARGET) cut(pos, table);
    } else {
      table = undefined;
      const open = fenceLine.exec(content);
      if (open && !(open[1]![0] === '`' && content.slice(open[0].length).includes('`'))) fence = open[1];
      else if (/^ {0,3}<!--/.test(content) && !content.includes('-->')) inComment = true;
      else if (headingLine.test(content) && pos - chunkStart >= CHUNK_TARGET) cut(pos, undefined);
      else if (content.startsWith('|') && delimiterRow.test(content) && previous?.startsWith('|') && (beforePrevious === undefined || beforePrevious.trim() === '' || headingLine.test(beforePrevious))) {
        table = { header: previous, delimiter: content };
      }
    }
    beforePrevious = previous;
    previous = content;
    pos = nl === -1 ? text.length : nl + 1;
  }
  chunks.push({ start: chunkStart, end: text.length, line: chunkLine, ...(chunkTable ? { table: chunkTable } : {}) });
  return chunks;
}

/** The plain text of a node: its text, inline code and link text, without markup. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
