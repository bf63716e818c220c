import { defineRule, filledDocuments } from './define.js';

export default defineRule({
  id: 'progress/status-mismatch',
  description: 'Progress that contradicts the status: Complete must be 100%, Not Started 0%, and 100% is not In Progress.',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the status and progress cells of typed tables.',
  check(ctx) {
    for (const table of ctx.doc.tables) {
      const progressIndex = table.spec
        ? table.columnOf.findIndex((c) => c === 'progress')
        : table.model.columns.findIndex((c) => /^(?:progress|%|percent|completion)$/i.test(c.header.trim()));
      if (progressIndex < 0) continue;
      table.model.rows.forEach((row, i) => {
        const p = row.progress;
        if (p === null || p === undefined || !row.status) return;
        const expected = row.status === 'complete' || row.status === 'done' ? 100 : row.status === 'not-started' ? 0 : undefined;
        const cell = table.raw.rows[i]!.cells[progressIndex]!;
        if (expected !== undefined && p !== expected) {
          ctx.report({
            message: `Unexpected progress ${cell.source} for status ${row.status}, expected ${expected}%`,
            start: cell.start,
            end: cell.end,
            actual: cell.source,
            expected: `${expected}%`,
          });
        } else if (p === 100 && (row.status === 'in-progress' || row.status === 'running')) {
          ctx.report({
            message: `Unexpected progress 100% for status in-progress: mark it complete, or lower the progress`,
            start: cell.start,
            end: cell.end,
            actual: cell.source,
          });
        }
      });
    }
    // Statuses written in headings and Status lines: `## Phase 1 ✅ Complete (80%)`.
    ctx.doc.sectionStatuses.forEach((status) => {
      if (!status?.status || status.progress === undefined) return;
      const p = status.progress;
      const expected = status.status === 'complete' ? 100 : status.status === 'not-started' ? 0 : undefined;
      const at = { start: status.position.start.offset, end: status.position.end.offset, actual: status.source };
      if (expected !== undefined && p !== expected) ctx.report({ ...at, message: `Unexpected progress ${p}% for status ${status.status} in \`${status.source.trim()}\`, expected ${expected}%`, expected: `${expected}%` });
      else if (p === 100 && status.status === 'in-progress') ctx.report({ ...at, message: `Unexpected progress 100% for status in-progress in \`${status.source.trim()}\`: mark it complete, or lower the progress` });
    });
  },
});
