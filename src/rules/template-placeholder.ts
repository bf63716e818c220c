import type { Nodes } from 'mdast';
import { defineRule, filledDocuments } from './define.js';
import { findPlaceholders } from './placeholders.js';

function codeRanges(node: Nodes, out: [number, number][]): void {
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'definition') {
    out.push([node.position!.start.offset!, node.position!.end.offset!]);
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) codeRanges(c, out);
}

export default defineRule({
  id: 'template/placeholder',
  description: 'A template placeholder left in (YYYY-MM-DD, XX%, $X.XX/hr, NNNNNN, [Step Name], (link)).',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  check(ctx) {
    const code: [number, number][] = [];
    codeRanges(ctx.doc.root, code);
    const fm = ctx.doc.model.frontMatter;
    if (fm) code.push([fm.position.start.offset, fm.position.end.offset]);
    for (const p of findPlaceholders(ctx.doc.text)) {
      if (code.some(([s, e]) => p.start >= s && p.start < e)) continue;
      ctx.report({ message: `Unexpected template placeholder \`${p.value}\`, expected a real value`, start: p.start, end: p.end, actual: p.value });
    }
  },
});
