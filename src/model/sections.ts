/** Headings to sections: each heading owns the text up to the next heading of the same or lower depth. */
import type { Root, List, ListItem, Nodes } from 'mdast';
import { plainText } from '../core/markdown.js';
import type { LineIndex } from '../core/text.js';
import type { ListItemModel } from './types.js';

export interface Section {
  title: string;
  /** The title folded for matching (see foldTitle). */
  folded: string;
  depth: number;
  /** Offset of the heading's start. */
  start: number;
  /** Offset where the section ends (next heading of depth ≤ this one, or the end). */
  end: number;
  headingEnd: number;
  /** Index range of the root's children that belong to this section's own body (up to the next heading of any depth). */
  bodyFrom: number;
  bodyTo: number;
}

export function sectionsOf(root: Root, textLength: number): Section[] {
  const sections: Section[] = [];
  const children = root.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    let end = textLength;
    let bodyTo = children.length;
    for (let j = i + 1; j < children.length; j++) {
      const next = children[j]!;
      if (next.type !== 'heading') continue;
      if (bodyTo === children.length) bodyTo = j;
      if (next.depth <= node.depth) {
        end = next.position!.start.offset!;
        break;
      }
    }
    const title = plainText(node).trim();
    sections.push({
      title,
      folded: foldTitle(title),
      depth: node.depth,
      start: node.position!.start.offset!,
      end,
      headingEnd: node.position!.end.offset!,
      bodyFrom: i + 1,
      bodyTo,
    });
  }
  return sections;
}

const folds = new Map<string, string>();

/** Heading text folded for matching: emoji, punctuation, case and spacing do not matter. Memoised: the same titles recur in every document. */
export function foldTitle(s: string): string {
  let folded = folds.get(s);
  if (folded === undefined) {
    folded = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (folds.size > 4096) folds.clear();
    folds.set(s, folded);
  }
  return folded;
}

export function findSection(sections: Section[], ...titles: string[]): Section | undefined {
  const wanted = titles.map(foldTitle);
  return sections.find((s) => wanted.includes(s.folded));
}

/** The first paragraph's text of a list item (its own line, without its sub-list). */
export function itemText(item: ListItem): string {
  const first = item.children[0];
  return first && first.type !== 'list' ? plainText(first as Nodes).trim() : '';
}

/** A list as a tree of items (iterative: lists wait in a queue with the array their items go to). */
export function listItems(root: List, lines: LineIndex): ListItemModel[] {
  const out: ListItemModel[] = [];
  const queue: { list: List; into: ListItemModel[] }[] = [{ list: root, into: out }];
  for (let q = 0; q < queue.length; q++) {
    const { list, into } = queue[q]!;
    for (const item of list.children) {
      const model: ListItemModel = { text: itemText(item), checked: item.checked ?? null, position: lines.range(item.position!.start.offset!, item.position!.end.offset!), children: [] };
      into.push(model);
      for (const c of item.children) if (c.type === 'list') queue.push({ list: c, into: model.children });
    }
  }
  return out;
}
