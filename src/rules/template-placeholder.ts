import type { Nodes } from 'mdast';
import { collectNodes } from '../core/markdown.js';
import { defineRule, filledDocuments } from './define.js';
import { findPlaceholders } from './placeholders.js';

const isCode = (node: Nodes) => node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'definition';

/** The ranges of code, HTML and definitions, in document order (so non-overlapping and sorted). */
function codeRanges(root: Nodes): [number, number][] {
  return collectNodes(root, isCode, (n) => !isCode(n)).map((n) => [n.position!.start.offset!, n.position!.end.offset!]);
}

export default defineRule({
  id: 'template/placeholder',
  description: 'A template placeholder left in (YYYY-MM-DD, XX%, $X.XX/hr, NNNNNN, [Step Name], (link)).',
  severity: 'warning',
  appliesTo: filledDocuments,
  fixable: false,
  check(ctx) {
    const code = codeRanges(ctx.doc.root);
    const fm = ctx.doc.model.frontMatter;
    // Both in document order: one pass over each, not every range for every placeholder.
    let k = 0;
    for (const p of findPlaceholders(ctx.doc.text)) {
      while (k < code.length && code[k]![1] <= p.start) k++;
      if (k < code.length && p.start >= code[k]![0]) continue;
      if (fm && p.start >= fm.position.start.offset && p.start < fm.position.end.offset) continue;
      ctx.report({ message: `Unexpected template placeholder \`${p.value}\`, expected a real value`, start: p.start, end: p.end, actual: p.value });
    }
  },
});
