import { defineRule, filledDocuments } from './define.js';

export default defineRule({
  id: 'table/duplicate-key',
  description: 'The same milestone, step or instance id in two rows of one table.',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the key cells of typed tables.',
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (!table.spec) continue;
      const index = table.columnOf.indexOf(table.spec.key);
      if (index < 0) continue;
      const seen = new Map<string, number>();
      table.raw.rows.forEach((row) => {
        const cell = row.cells[index];
        const key = cell?.text.trim();
        if (!cell || !key || /^(?:—|–|-|N{3,})$/.test(key)) return;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, row.line);
        else ctx.report({ message: `Unexpected duplicate ${table.spec!.key} \`${key}\` in ${table.name}, first listed on line ${first}`, start: cell.start, end: cell.end, actual: key });
      });
    }
  },
});
