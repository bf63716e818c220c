import { defineRule } from './define.js';

export default defineRule({
  id: 'progress/status-mismatch',
  description: 'Progress that contradicts the status: Complete must be 100%, Not Started 0%, and 100% is not In Progress.',
  severity: 'error',
  appliesTo: ['tracker'],
  fixable: false,
  check(ctx) {
    for (const table of ctx.doc.tables) {
      const progressIndex = table.columnOf.findIndex((c) => c && table.spec?.columns.find((s) => s.name === c)?.parse === 'percent');
      if (progressIndex < 0) continue;
      table.model.rows.forEach((row, i) => {
        const p = row.progress;
        if (p === null || p === undefined || !row.status) return;
        const expected = row.status === 'complete' ? 100 : row.status === 'not-started' ? 0 : undefined;
        const cell = table.raw.rows[i]!.cells[progressIndex]!;
        if (expected !== undefined && p !== expected) {
          ctx.report({
            message: `Unexpected progress ${cell.source} for status ${row.status}, expected ${expected}%`,
            start: cell.start,
            end: cell.end,
            actual: cell.source,
            expected: `${expected}%`,
          });
        } else if (p === 100 && row.status === 'in-progress') {
          ctx.report({
            message: `Unexpected progress 100% for status in-progress: mark it complete, or lower the progress`,
            start: cell.start,
            end: cell.end,
            actual: cell.source,
          });
        }
      });
    }
  },
});
