/**
 * Where a document holds code rather than prose: inline code spans, fenced and indented code
 * blocks, and HTML comments. Rules that read words (mojibake, placeholders, statuses) skip these.
 */
import type { Nodes, Root } from 'mdast';
import { collectNodes } from './markdown.js';

export interface CodeRange {
  start: number;
  end: number;
}

const isComment = (node: Nodes) => node.type === 'html' && /^\s*<!--/.test(node.value);

/** Code and comment ranges of a parsed document, in document order (a walk, not recursion). */
export function codeRanges(root: Root): CodeRange[] {
  const isCode = (node: Nodes) => node.type === 'code' || node.type === 'inlineCode' || isComment(node);
  return collectNodes(root, isCode, (n) => !isCode(n)).map((n) => ({ start: n.position!.start.offset!, end: n.position!.end.offset! }));
}

/** Whether `offset` lies inside one of `ranges` (sorted, not overlapping). */
export function insideRanges(ranges: CodeRange[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
