import type { Nodes } from 'mdast';
import { collectNodes } from '../core/markdown.js';
import { defineRule, filledDocuments } from './define.js';
import { findPlaceholders, type ValueSlots } from '../core/placeholders.js';

/** Heading ranges, in document order (a walk, not recursion: depth is the document's to choose). */
function headingRanges(root: Nodes): { start: number; end: number }[] {
  return collectNodes(root, (n) => n.type === 'heading', (n) => n.type !== 'heading' && n.type !== 'table').map((n) => ({ start: n.position!.start.offset!, end: n.position!.end.offset! }));
}

export default defineRule({
  id: 'template/placeholder',
  description: 'A template placeholder left where a value belongs (a table cell, a `Key: value` line, a heading): `YYYY-MM-DD`, `XX%`, `$X.XX/hr`, `NNNNNN`, `Step N`, `[run-id](link)`, or a prompt of the templates `docs init` writes such as `[Step Name]` or `[Blocker 1]`. A bracketed tag (`[P1]`), a link label or a file reference is not one.',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Ignores inline code, code blocks, HTML comments and front matter: a token shown there is an example. A document of kind `template` is not checked.',
  check(ctx) {
    const slots: ValueSlots = { cells: [], headings: headingRanges(ctx.doc.root) };
    for (const table of ctx.doc.tables) for (const row of table.raw.rows) for (const cell of row.cells) slots.cells.push({ start: cell.start, end: cell.end });
    const fm = ctx.doc.model.frontMatter;
    for (const p of findPlaceholders(ctx.doc.text, slots)) {
      if (ctx.inCode(p.start)) continue;
      if (fm && p.start >= fm.position.start.offset && p.start < fm.position.end.offset) continue;
      ctx.report({ message: `Unexpected template placeholder \`${p.value}\`, expected a real value`, start: p.start, end: p.end, actual: p.value });
    }
  },
});
