import { defineRule } from './define.js';
import { isEscaped } from '../core/table.js';

export default defineRule({
  id: 'table/cell-count',
  description: 'A table row with more or fewer cells than its header. Fix: add empty cells to a short row.',
  severity: 'error',
  appliesTo: 'all',
  fixable: true,
  code: 'Reads tables only: pipes in a code block are not a table.',
  check(ctx) {
    const { text } = ctx.doc;
    for (const table of ctx.doc.tables) {
      const want = table.raw.header.cells.length;
      for (const row of table.raw.rows) {
        const have = row.cells.length;
        if (have === want) continue;
        let fix;
        if (have < want) {
          let end = row.end;
          while (end > row.start && /[ \t]/.test(text[end - 1]!)) end--;
          const trailing = text[end - 1] === '|' && !isEscaped(text, end - 1);
          const add = (trailing ? '' : ' |') + '  |'.repeat(want - have);
          fix = [{ start: end, end, text: add }];
        }
        ctx.report({
          message: `Unexpected ${have} cell${have === 1 ? '' : 's'} in this row, expected ${want} like the header${have > want ? ' (the extra cells are not shown by renderers)' : ''}`,
          start: row.start,
          end: row.end,
          actual: String(have),
          expected: String(want),
          fix,
        });
      }
    }
  },
});
