import { defineRule } from './define.js';
import { completeSequences, markerLines } from '../core/conflict-markers.js';

/**
 * A conflict is what git writes: a `<<<<<<<` line, then (after an optional `|||||||` base section)
 * a `=======` line, then a `>>>>>>>` line, each at the start of its line and of one size. Anything
 * less is not one: a lone `=======` under a line of text is a setext heading underline. The markers
 * are recognised in src/core/conflict-markers.ts, which `trackdocs resolve` reads them with too.
 */
export default defineRule({
  id: 'git/conflict-marker',
  description: 'A git merge conflict left in the document: a `<<<<<<<` line, a `=======` line and a `>>>>>>>` line, in that order, at the start of lines.',
  severity: 'error',
  appliesTo: 'all',
  fixable: false,
  code: 'Counts anywhere, code blocks included: git writes its markers wherever the conflict is. Only the full sequence counts, so a lone `=======` (a setext heading) or a `<<<<<<<` in an example is not reported.',
  check(ctx) {
    const { text } = ctx.doc;
    if (!text.includes('<<<<<<<')) return;
    const hint = `\`trackdocs resolve ${ctx.doc.path}\` merges the two sides by structure and shows the result`;
    for (const conflict of completeSequences(markerLines(text))) {
      for (const m of [conflict.open, conflict.separator, conflict.close]) {
        ctx.report({ message: `Unexpected merge conflict marker \`${m.kind.repeat(m.size)}\`: resolve the conflict; ${hint}`, start: m.start, end: m.end });
      }
    }
  },
});
