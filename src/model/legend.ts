/**
 * A document's legend: what its emoji and check marks mean. People write it as a section
 * (`## Status Legend`, `## Key`) of bullets or a two-column table, or as one line
 * (`**Legend:** ✅ Done | 🟡 In progress | ⏸️ Pending`, `Legend: [x] done, [/] in progress`).
 * Entries with an emoji change the status vocabularies; entries with a check mark change how
 * tasks are read.
 */
import type { Root, Table, Nodes } from 'mdast';
import { plainText } from '../core/markdown.js';
import { splitStatus } from '../core/status.js';
import type { LineIndex } from '../core/text.js';
import { foldTitle, itemText, type Section } from './sections.js';

export interface LegendItem {
  /** The emoji, without variation selectors, when the entry has one. */
  emoji?: string;
  /** The check mark inside `[…]`, when the entry is about tasks. */
  mark?: string;
  word: string;
  start: number;
  end: number;
}

const legendTitles = new Set(['legend', 'status legend', 'key', 'status key', 'legend key', 'symbols', 'status symbols', 'status icons', 'icons']);
/** A line that introduces a legend: `Legend:`, `**Status key**:`, `Key —`. */
const inlineLegend = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:status\s+)?(?:legend|key)(?:\*\*|__)?\s*[:—–-]\s*(?:\*\*|__)?/i;
const markEntry = /^\[([^\]\n]{1,3})\]\s*[:=—–-]?\s*(.+)$/;

/** The entries of one legend text, split on `|`, `,`, `;`, `·`, `•` or runs of spaces. */
function entriesOf(text: string, start: number, end: number, out: LegendItem[]): void {
  for (const piece of text.split(/\s*(?:\||;|·|•|,(?!\d)|\s{3,})\s*/)) {
    const trimmed = piece.replace(/^[`*_]+|[`*_]+$/g, '').trim();
    if (!trimmed) continue;
    const mark = markEntry.exec(trimmed.replace(/`/g, ''));
    if (mark) {
      out.push({ mark: mark[1]!, word: mark[2]!.replace(/[=:]\s*/, '').trim(), start, end });
      continue;
    }
    const { emoji, word } = splitStatus(trimmed.replace(/\s*[=:—–]\s*/, ' '));
    if (emoji && word) out.push({ emoji, word, start, end });
  }
}

const isLegendTable = (table: Table) => {
  const header = table.children[0]?.children.map((c) => foldTitle(plainText(c as Nodes))) ?? [];
  return header.length >= 2 && header.some((h) => /^(?:symbol|emoji|icon|mark|marker|sign)s?$/.test(h)) && header.some((h) => /^(?:meaning|means|status|state|description|definition)$/.test(h));
};

/** Whether a text has a one-line legend anywhere (one scan, so documents without one pay nothing more). */
const anyInlineLegend = /^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:status[ \t]+)?(?:legend|key)(?:\*\*|__)?[ \t]*[:—–-]/im;

export function readLegend(root: Root, text: string, sections: Section[], lines: LineIndex): LegendItem[] {
  const out: LegendItem[] = [];
  const legendSections = sections.filter((s) => legendTitles.has(s.folded));
  const inline = anyInlineLegend.test(text);
  const inLegendSection = (i: number) => legendSections.some((s) => i >= s.bodyFrom && i < s.bodyTo);
  root.children.forEach((node, i) => {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    if (node.type === 'table' && (inLegendSection(i) || isLegendTable(node))) {
      for (const row of node.children.slice(1)) {
        const cells = row.children.map((c) => text.slice(c.position!.start.offset!, c.position!.end.offset!).replace(/^\||\|$/g, '').trim());
        if (cells.length >= 2) entriesOf(`${cells[0]} ${cells[1]}`, row.position!.start.offset!, row.position!.end.offset!, out);
      }
    } else if (node.type === 'list' && inLegendSection(i)) {
      for (const item of node.children) {
        const itemStart = item.position!.start.offset!;
        const source = text.slice(itemStart, lines.lineEnd(lines.point(itemStart).line)).replace(/^\s*[-*+]\s+/, '');
        const raw = item.checked !== null && item.checked !== undefined ? `[${item.checked ? 'x' : ' '}] ${itemText(item)}` : source;
        entriesOf(raw, itemStart, item.position!.end.offset!, out);
      }
    } else if (inline && (node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote')) {
      // One-line legends anywhere: `**Legend:** ✅ Done | 🟡 In progress`.
      const source = text.slice(start, end);
      let at = start;
      for (const piece of source.split(/(\r\n|\r|\n)/)) {
        const m = /^(?:\r\n|\r|\n)$/.test(piece) ? null : inlineLegend.exec(piece.replace(/^>\s*/, ''));
        if (m) entriesOf(piece.replace(/^>\s*/, '').slice(m[0].length), at, at + piece.length, out);
        at += piece.length;
      }
    }
  });
  return out;
}
