import { defineRule, filledDocuments } from './define.js';

export default defineRule({
  id: 'progress/range',
  description: 'A progress percentage outside 0–100.',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the progress cells of typed tables.',
  check(ctx) {
    for (const check of ctx.rowChecks()) {
      if ((check.keyword !== 'minimum' && check.keyword !== 'maximum') || !check.cell) continue;
      ctx.report({
        message: `Unexpected progress \`${check.cell.source}\`, expected a value from 0% to 100%`,
        start: check.cell.start,
        end: check.cell.end,
        actual: check.cell.source,
        expected: '0–100%',
      });
    }
  },
});
