import { defineRule } from './define.js';
import { describeVocabulary } from '../core/status.js';
import { isEmptyCell } from './row-checks.js';

export default defineRule({
  id: 'status/unknown',
  description: 'A status cell outside the vocabulary (built-in, legend and config).',
  severity: 'error',
  appliesTo: ['tracker'],
  fixable: false,
  check(ctx) {
    for (const table of ctx.doc.tables) {
      const col = table.spec?.columns.find((c) => c.status);
      if (!col || !table.vocabulary) continue;
      const index = table.columnOf.indexOf(col.name);
      table.statusReadings.forEach((reading, row) => {
        const cell = table.raw.rows[row]!.cells[index];
        if (!reading || reading.ok || !cell || isEmptyCell(cell.text)) return;
        const why = reading.reason === 'conflict' ? `its emoji and its word disagree (${reading.candidates!.join(' vs ')})` : 'it is not in the vocabulary';
        ctx.report({
          message: `Unexpected status \`${cell.source}\` in ${table.name}: ${why}; expected one of ${describeVocabulary(table.vocabulary!)}, or a legend entry`,
          start: cell.start,
          end: cell.end,
          actual: cell.source,
        });
      });
    }
    // The schema may narrow the enum below the vocabulary (a user's override).
    for (const check of ctx.rowChecks()) {
      if (check.keyword !== 'enum' || !check.cell) continue;
      const allowed = (check.params.allowedValues as string[] | undefined)?.join(', ');
      ctx.report({ message: `Unexpected status \`${check.cell.source}\`, expected one of ${allowed}`, start: check.cell.start, end: check.cell.end, actual: check.cell.source });
    }
  },
});
