/**
 * Jobs tables that sync does not edit: tables inside a block quote or a list item. Sync leaves
 * them alone with a warning instead of adding a second table beside them.
 */
import type { Nodes, Table } from 'mdast';
import { plainText } from '../core/markdown.js';
import type { ParsedDocument } from '../model/parse.js';

export interface NestedTable {
  heading: string | undefined;
  /** What holds it: `block quote` or `list item`. */
  container: string;
  start: number;
  end: number;
}

const pastHeading = /past|history|archiv|finished|destroyed/i;

/** The first nested active and past jobs tables (a header cell naming the instance). Iterative: no recursion over the tree. */
export function nestedJobTables(doc: ParsedDocument): { active?: NestedTable; past?: NestedTable } {
  const found: { active?: NestedTable; past?: NestedTable } = {};
  let heading: string | undefined;
  for (const top of doc.root.children) {
    if (top.type === 'heading') {
      heading = plainText(top).trim();
      continue;
    }
    if (top.type !== 'blockquote' && top.type !== 'list') continue;
    const stack: Nodes[] = [top];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'table') {
        if (!isJobsTable(node)) continue;
        const entry: NestedTable = { heading, container: top.type === 'blockquote' ? 'block quote' : 'list item', start: node.position!.start.offset!, end: node.position!.end.offset! };
        if (pastHeading.test(heading ?? '')) found.past ??= entry;
        else found.active ??= entry;
        continue;
      }
      if ('children' in node) for (const child of node.children as Nodes[]) if (child.type === 'table' || child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem') stack.push(child);
    }
  }
  return found;
}

function isJobsTable(table: Table): boolean {
  const header = table.children[0];
  return Boolean(header?.children.some((cell) => /\binstance\b/i.test(plainText(cell))));
}
