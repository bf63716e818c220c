import { defineRule } from './define.js';
import { findMojibake } from '../core/mojibake.js';

export default defineRule({
  id: 'encoding/mojibake',
  description: 'UTF-8 text mis-decoded as Windows-1252 (`âœ…` for ✅). Fix: repair it, where the original is certain.',
  severity: 'error',
  appliesTo: 'all',
  fixable: true,
  code: 'Reports only prose: mojibake shown in inline code, a code block or an HTML comment is an example. When `--fix` repairs a sequence in prose, it repairs the same sequence in code too (the same bytes were mangled by the same tool).',
  check(ctx) {
    const runs = findMojibake(ctx.doc.text);
    if (runs.length === 0) return;
    const inCode = runs.filter((run) => ctx.inCode(run.start));
    const prose = runs.filter((run) => !ctx.inCode(run.start));
    const fixesInCode = new Map<string, { start: number; end: number; text: string }[]>();
    for (const run of inCode) {
      if (!run.certain) continue;
      const list = fixesInCode.get(run.original) ?? [];
      list.push({ start: run.start, end: run.end, text: run.repaired });
      fixesInCode.set(run.original, list);
    }
    for (const run of prose) {
      // The first prose finding of a sequence also carries its repairs in code.
      const alsoInCode = fixesInCode.get(run.original) ?? [];
      fixesInCode.delete(run.original);
      ctx.report({
        message: run.certain
          ? `Unexpected mojibake \`${run.original}\`, expected \`${run.repaired}\``
          : `Unexpected mojibake \`${run.original}\`, probably \`${run.repaired}\` (a byte was lost, so it is not repaired automatically)`,
        start: run.start,
        end: run.end,
        actual: run.original,
        expected: run.repaired,
        fix: run.certain ? [{ start: run.start, end: run.end, text: run.repaired }, ...alsoInCode] : undefined,
      });
    }
  },
});
