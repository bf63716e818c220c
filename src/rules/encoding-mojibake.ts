import { defineRule } from './define.js';
import { findMojibake } from '../core/mojibake.js';

export default defineRule({
  id: 'encoding/mojibake',
  description: 'UTF-8 text mis-decoded as Windows-1252 (`âœ…` for ✅). Correct text that only looks like it (`“CAFÉ”`, `NESCAFÉ™`: an upper-case accent before typographic punctuation) is left alone: a run is reported only when it is more plausible repaired. Fix: repair it, where the original is certain.',
  severity: 'error',
  appliesTo: 'all',
  fixable: true,
  code: 'Reports only prose: mojibake shown in inline code, a code block or an HTML comment is an example. When the prose of a file has mojibake that `--fix` repairs, the file went through the tool that mangles text, code included: `--fix` then also repairs the mojibake in its code (where the original is certain).',
  check(ctx) {
    const runs = findMojibake(ctx.doc.text);
    if (runs.length === 0) return;
    const inCode = runs.filter((run) => ctx.inCode(run.start));
    const prose = runs.filter((run) => !ctx.inCode(run.start));
    // Mojibake in prose means the file went through the tool that mangles: the code in it did too.
    // The first certain repair in prose carries the certain repairs in code with it.
    let alsoInCode = inCode.filter((run) => run.certain).map((run) => ({ start: run.start, end: run.end, text: run.repaired }));
    for (const run of prose) {
      const withCode = run.certain ? alsoInCode : [];
      if (run.certain) alsoInCode = [];
      ctx.report({
        message: run.certain
          ? `Unexpected mojibake \`${run.original}\`, expected \`${run.repaired}\``
          : `Unexpected mojibake \`${run.original}\`, probably \`${run.repaired}\` (a byte was lost, so it is not repaired automatically)`,
        start: run.start,
        end: run.end,
        actual: run.original,
        expected: run.repaired,
        fix: run.certain ? [{ start: run.start, end: run.end, text: run.repaired }, ...withCode] : undefined,
      });
    }
  },
});
