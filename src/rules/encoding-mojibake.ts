import { defineRule } from './define.js';
import { findMojibake } from '../core/mojibake.js';

export default defineRule({
  id: 'encoding/mojibake',
  description: 'UTF-8 text mis-decoded as Windows-1252 (`âœ…` for ✅). Correct text that only looks like it (`“CAFÉ”`, `NESCAFÉ™`: an upper-case accent before typographic punctuation) is left alone: a run is reported only when it is more plausible repaired. Fix: repair it, where the original is certain.',
  severity: 'error',
  appliesTo: 'all',
  fixable: true,
  check(ctx) {
    for (const run of findMojibake(ctx.doc.text)) {
      ctx.report({
        message: run.certain
          ? `Unexpected mojibake \`${run.original}\`, expected \`${run.repaired}\``
          : `Unexpected mojibake \`${run.original}\`, probably \`${run.repaired}\` (a byte was lost, so it is not repaired automatically)`,
        start: run.start,
        end: run.end,
        actual: run.original,
        expected: run.repaired,
        fix: run.certain ? [{ start: run.start, end: run.end, text: run.repaired }] : undefined,
      });
    }
  },
});
