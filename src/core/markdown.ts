/**
 * Markdown to mdast with positions, via unified + remark-parse and the GFM extensions trackdocs
 * reads: tables, task-list items and strikethrough. These are the packages remark-gfm is built
 * from; its other parts (literal autolinks, footnotes) touch nothing the model or the rules read
 * and cost a fifth of the parse time, so they are left out. test/markdown.test.ts checks that the
 * tables and tasks read are the same as with remark-gfm.
 *
 * Documents are parsed in independent pieces cut before headings (see splitIntoPieces), and the
 * pieces' positions are shifted back into the whole text: micromark's time grows faster than the
 * document, and a small piece's garbage is cheap to collect. The result is the tree remark builds
 * for the whole text; test/properties.test.ts checks that on random documents.
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
import { append } from './arrays.js';

/** A remark plugin adding the GFM syntax trackdocs reads. */
function gfmTablesAndTasks(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmTablesAndTasks).freeze();

/**
 * Pieces are cut at about this size (UTF-16 units). A parse's tokens and events stay alive until
 * the piece is done, so small pieces keep them in V8's young generation, where collecting them is
 * cheap: a generated 9 KB tracker parses about a fifth faster in 1 KB pieces than whole. Each parse
 * costs about 50 µs to set up, so pieces much smaller than this lose again.
 */
const PIECE_TARGET = 1024;
/**
 * Between the items of a long list, pieces are cut smaller: micromark's time per list item grows
 * with the number of items parsed together (a 1 KB piece of short items costs ten times its size
 * in prose), so a list is parsed about sixteen short items at a time and its pieces joined.
 */
const LIST_PIECE_TARGET = 64;
/**
 * Above this size a document is cut into pieces even when it holds link reference definitions
 * (`[id]: url`), which pieces cannot see across; below it such a document is parsed whole, exactly
 * as remark would. micromark's time grows faster than the document, so a large one must be cut.
 */
export const LARGE_DOCUMENT = 48 * 1024;

/**
 * Parse `text` into an mdast root whose positions refer to `text`. Never throws on any string.
 * `whole: true` parses in one piece (tests compare the two).
 */
export function parseMarkdown(text: string, options: { whole?: boolean } = {}): Root {
  const pieces = options.whole || (text.length <= LARGE_DOCUMENT && mayDefineReferences(text)) ? [] : splitIntoPieces(text);
  if (pieces.length <= 1) return processor.parse(text) as Root;
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  for (const piece of pieces) {
    const last = root.children[root.children.length - 1];
    let part: Root | undefined;
    if (piece.table && last?.type === 'table' && last.position!.end.line === piece.line - 1) {
      // The rows of a long table, parsed under a copy of its header and delimiter rows.
      const prefix = piece.table.header + '\n' + piece.table.delimiter + '\n';
      const withHeader = processor.parse(prefix + text.slice(piece.start, contentEnd(text, piece.end))) as Root;
      const [first, ...rest] = withHeader.children;
      if (first?.type === 'table') {
        shift(withHeader, piece.line - 3, piece.start - prefix.length);
        append(last.children, first.children.slice(1) as typeof last.children);
        last.position!.end = first.position!.end;
        append(root.children, rest as RootContent[]);
        part = withHeader;
      }
    }
    if (!part) {
      part = processor.parse(text.slice(piece.start, contentEnd(text, piece.end))) as Root;
      shift(part, piece.line - 1, piece.start);
      const [first, ...rest] = part.children;
      if (piece.list && last?.type === 'list' && first?.type === 'list' && last.ordered === first.ordered) {
        // The next items of a long list: one list, loose if a blank line parts its items.
        const between = text.slice(last.position!.end.offset!, first.position!.start.offset!);
        last.spread = Boolean(last.spread || first.spread || /\n[ \t]*\r?\n|\r[ \t]*\r/.test(between));
        append(last.children, first.children);
        last.position!.end = first.position!.end;
        append(root.children, rest as RootContent[]);
      } else append(root.children, part.children as RootContent[]);
    }
    if (piece.end === text.length) root.position!.end = part.position!.end;
  }
  return root;
}

/**
 * Where a piece's text ends: before the line ending that precedes the next piece, for at the end of
 * the input micromark lets a construct left open (fenced code in a list item) take in that line
 * ending, where in place the next line would have closed it before it.
 */
function contentEnd(text: string, end: number): number {
  if (end === text.length) return end;
  return text[end - 1] === '\n' && text[end - 2] === '\r' ? end - 2 : end - 1;
}

/** Whether `text` may hold a link reference definition (a loose test: any `]:`). */
function mayDefineReferences(text: string): boolean {
  return text.includes(']:');
}

/** Move every position in the tree by `lines` lines and `offset` characters (iterative: any depth). */
export function shift(root: Nodes, lines: number, offset: number): void {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const pos = node.position;
    if (pos) {
      pos.start.line += lines;
      pos.end.line += lines;
      pos.start.offset = (pos.start.offset ?? 0) + offset;
      pos.end.offset = (pos.end.offset ?? 0) + offset;
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
}

interface Piece {
  start: number;
  end: number;
  /** 1-based line on which the piece starts. */
  line: number;
  /** Set when the piece starts inside a table: the table's header and delimiter rows. */
  table?: { header: string; delimiter: string };
  /** Set when the piece starts with the next item of a list at the margin: the list's marker. */
  list?: string;
}

/** An ATX heading at the margin: it always starts a block, whatever list or quote came before. */
const headingLine = /^#{1,6}(?:[ \t]|$)/;
/**
 * A line at the margin that, after a blank line, starts a new block whatever came before: no list
 * item (which could continue a list), quote, table row or indented line. Cutting here too keeps a
 * long document without headings in small pieces: micromark's time grows faster than the text
 * (with many list items, much faster).
 */
const marginBlock = /^[^\s\->*+|\d]/;
/** A list item at the margin: its bullet, or its ordered delimiter. */
const marginItem = /^(?:([-*+])|\d{1,9}([.)]))(?:[ \t]|$)/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;
/** A line of a list that may open a fence or an HTML block inside an item. */
const listInner = /`{3,}|~{3,}|^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*</;
const delimiterRow = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** HTML blocks that run to an end marker (CommonMark kinds 1-5), with that marker. */
const htmlBlockEnds: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
const blankLine = /^[ \t]*$/;
const lineBreak = /\r\n|\r|\n/g;

/**
 * What may be open at the top level before a line: `n` nothing, `b` an HTML block that a blank
 * line ends, `h<k>` an HTML block of htmlBlockEnds[k], `f<marker>` fenced code opened by marker.
 */
type Open = string;

/** The states after `line`, from state `state` (see splitIntoPieces). */
function step(state: Open, line: string, out: Set<Open>): void {
  if (state[0] === 'f') {
    const close = fenceLine.exec(line);
    const marker = state.slice(1);
    out.add(close && close[1]![0] === marker[0] && close[1]!.length >= marker.length && line.slice(close[0].length).trim() === '' ? 'n' : state);
    return;
  }
  if (state[0] === 'h') return void out.add(htmlBlockEnds[Number(state.slice(1))]![1].test(line) ? 'n' : state);
  if (state === 'b') return void out.add(blankLine.test(line) ? 'n' : 'b');
  // Nothing open. A fence or HTML block indented one to three spaces may sit in a list item,
  // where the next line at the margin closes it: then nothing is open either.
  const indented = line[0] === ' ';
  const fence = fenceLine.exec(line);
  if (fence && !(fence[1]![0] === '`' && line.slice(fence[0].length).includes('`'))) {
    out.add('f' + fence[1]);
    if (indented) out.add('n');
  } else if (/^ {0,3}</.test(line)) {
    const kind = htmlBlockEnds.findIndex(([start]) => start.test(line));
    // Kinds 1-5 run to their marker, which may be on the first line. Any other line starting with
    // `<` may open a block that a blank line ends, or be inline HTML in a paragraph.
    if (kind === -1) out.add('b').add('n');
    else if (htmlBlockEnds[kind]![1].test(line.slice(line.indexOf('<') + 2))) out.add('n');
    else {
      out.add('h' + kind);
      if (indented) out.add('n');
    }
  } else out.add('n');
}

/**
 * Cut `text` into pieces that parse on their own as they would in place: before an ATX heading at
 * the margin or a marginBlock line after a blank line, once the piece has reached PIECE_TARGET, when nothing can be open there. A long
 * table is also cut between its rows (rows written with a leading pipe), and the next piece
 * carries the table's header and delimiter rows. Line endings are those micromark knows: LF, CRLF
 * and a lone CR.
 *
 * "Nothing can be open" is decided over every reading of the lines so far (a set of states, see
 * `step`): where a line is ambiguous (inline HTML or an HTML block? a fence in a list item or at
 * the top?) all readings are followed, and a cut waits until every reading agrees that nothing is
 * open. A wrong "open" only costs a cut; a wrong "closed" would change the tree.
 */
export function splitIntoPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = 0;
  let pieceLine = 1;
  let pieceTable: Piece['table'];
  let line = 1;
  let states = new Set<Open>(['n']);
  let table: Piece['table'];
  let previous: string | undefined;
  let beforePrevious: string | undefined;
  let pieceList: string | undefined;
  /** The marker of the list at the margin the lines belong to (`-`, `*`, `+`, `.` or `)`), if any. */
  let list: string | undefined;
  let listUnsafe = false;
  const cut = (pos: number, next: Piece['table'], nextList?: string) => {
    pieces.push({ start: pieceStart, end: pos, line: pieceLine, ...(pieceTable ? { table: pieceTable } : {}), ...(pieceList ? { list: pieceList } : {}) });
    pieceStart = pos;
    pieceLine = line;
    pieceTable = next;
    pieceList = nextList;
  };
  for (let pos = 0; pos < text.length; line++) {
    lineBreak.lastIndex = pos;
    const br = lineBreak.exec(text);
    const content = text.slice(pos, br ? br.index : text.length);
    const closed = states.size === 1 && states.has('n');
    const item = marginItem.exec(content);
    const marker = item ? (item[2] ?? item[1]) : undefined;
    if (closed && list !== undefined && !listUnsafe && marker === list && pos - pieceStart >= LIST_PIECE_TARGET) {
      // A sibling item of a long list at the margin: it can only continue the list.
      cut(pos, undefined, list);
    } else if (closed && table && content.startsWith('|')) {
      if (pos - pieceStart >= PIECE_TARGET) cut(pos, table);
    } else {
      table = undefined;
      if (closed && (headingLine.test(content) || (previous !== undefined && blankLine.test(previous) && marginBlock.test(content)))) {
        if (pos - pieceStart >= PIECE_TARGET) cut(pos, undefined);
      } else if (closed && content.startsWith('|') && delimiterRow.test(content) && previous?.startsWith('|') && (beforePrevious === undefined || blankLine.test(beforePrevious) || headingLine.test(beforePrevious))) {
        table = { header: previous, delimiter: content };
      }
    }
    // A list at the margin runs from its first item to the next line at the margin that is no
    // item (a lazy continuation line included, to be safe: it only costs a cut); a different
    // marker starts another list.
    if (item) {
      if (list === undefined || marker !== list) listUnsafe = false;
      // After a line of text, only an item that can interrupt a paragraph starts a list: a bullet
      // or `1.`/`1)` with some text. `2) two` under a paragraph line continues the paragraph.
      const continues = list !== undefined && marker === list;
      // (An empty item before it, `-` alone, may itself be read as text.)
      const afterText = previous !== undefined && !blankLine.test(previous) && !headingLine.test(previous) && !(marginItem.test(previous) && /\S/.test(previous.replace(marginItem, '')));
      const interrupts = /^(?:[-*+]|0*1[.)])[ \t]+\S/.test(content);
      list = closed && (continues || !afterText || interrupts) ? marker : undefined;
    } else if (/^[^\s]/.test(content)) {
      list = undefined;
      listUnsafe = false;
    }
    // A fence or an HTML block inside an item (`- ```js`) may still be open at the next item's
    // marker, and the open-construct tracking above reads only the margin: such a list is not cut.
    if (list !== undefined && listInner.test(content)) listUnsafe = true;
    const next = new Set<Open>();
    for (const state of states) step(state, content, next);
    states = next;
    beforePrevious = previous;
    previous = content;
    pos = br ? br.index + br[0].length : text.length;
  }
  pieces.push({ start: pieceStart, end: text.length, line: pieceLine, ...(pieceTable ? { table: pieceTable } : {}), ...(pieceList ? { list: pieceList } : {}) });
  return pieces;
}

/** A line that may open a fence or an HTML block when nothing is open. */
const mayOpen = /^ {0,3}(?:`{3}|~{3}|<)/;

/**
 * The 0-based lines of `lines` that are ATX headings at the margin where nothing can be open (the
 * same reading splitIntoPieces cuts by): places where a document can be cut into sections that
 * parse alone. The merge cuts its windows there.
 */
export function safeHeadingLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  let states = new Set<Open>(['n']);
  const closed = states;
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i]!;
    if (states === closed || (states.size === 1 && states.has('n'))) {
      states = closed;
      if (headingLine.test(content)) out.push(i);
      // Nothing open and nothing that could open (a fence or an HTML block): still nothing open.
      if (!mayOpen.test(content)) continue;
    }
    const next = new Set<Open>();
    for (const state of states) step(state, content, next);
    states = next;
  }
  return out;
}

/** The plain text of a node: its text, inline code and link text, without markup (iterative: any depth). */
export function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string') {
      if (n.type !== 'html') out += n.value;
    } else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

/**
 * The nodes under `root` (itself included), in document order, that pass `keep`; `enter` decides
 * whether a node's children are visited. Iterative, so no tree is too deep for it.
 */
export function collectNodes(root: Nodes, keep: (node: Nodes) => boolean, enter: (node: Nodes) => boolean = () => true): Nodes[] {
  const out: Nodes[] = [];
  const stack: Nodes[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (keep(n)) out.push(n);
    if ('children' in n && enter(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}
