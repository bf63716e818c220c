import { defineRule, filledDocuments } from './define.js';
import { describeVocabulary } from '../core/status.js';
import { isEmptyCell } from './row-checks.js';

export default defineRule({
  id: 'status/unknown',
  description: 'A status cell outside the vocabulary (built-in, legend and config).',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the status cells of typed tables; a status written as inline code (`` `Done` ``) is an example, not a status, and is not reported.',
  check(ctx) {
    for (const table of ctx.doc.tables) {
      // Typed tables only: a generic table's Status column is read, but its words are the author's.
      if (!table.spec || !table.vocabulary || table.statusIndex < 0) continue;
      const index = table.statusIndex;
      table.statusReadings.forEach((reading, row) => {
        const cell = table.raw.rows[row]!.cells[index];
        if (!reading || reading.ok || !cell || isEmptyCell(cell.text) || /^`[^`]*`$/.test(cell.source)) return;
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
      if (check.keyword !== 'enum' || !check.cell || /^`[^`]*`$/.test(check.cell.source) || !check.table.spec!.columns.find((c) => c.name === check.column)?.status) continue;
      const allowed = (check.params.allowedValues as string[] | undefined)?.join(', ');
      ctx.report({ message: `Unexpected status \`${check.cell.source}\`, expected one of ${allowed}`, start: check.cell.start, end: check.cell.end, actual: check.cell.source });
    }
  },
});
