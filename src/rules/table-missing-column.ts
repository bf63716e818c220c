import { defineRule, filledDocuments } from './define.js';

export default defineRule({
  id: 'table/missing-column',
  description: 'A typed table without a column its schema requires (such as Status).',
  severity: 'error',
  appliesTo: filledDocuments,
  fixable: false,
  code: 'Reads the headers of typed tables.',
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (!table.spec) continue;
      for (const name of table.spec.required) {
        if (table.columnOf.includes(name)) continue;
        const col = table.spec.columns.find((c) => c.name === name)!;
        const header = table.raw.header;
        ctx.report({
          message: `Missing column \`${col.aliases[0]}\` in the ${table.name} table, expected a header named ${col.aliases.map((a) => `\`${a}\``).join(' or ')}`,
          start: header.start,
          end: header.end,
          expected: col.aliases[0],
        });
      }
    }
  },
});
