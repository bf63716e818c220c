import { defineRule } from './define.js';
import { isIsoDate } from './cell-format.js';

export default defineRule({
  id: 'date/order',
  description: 'Recent Work entries are not newest first.',
  severity: 'warning',
  appliesTo: ['tracker'],
  fixable: false,
  code: 'Reads dated headings; a heading is never code.',
  check(ctx) {
    const model = ctx.doc.model;
    if (model.kind !== 'tracker') return;
    let previous: string | undefined;
    for (const entry of model.recentWork) {
      const date = entry.date.value;
      if (!isIsoDate(date)) continue;
      if (previous && date > previous) {
        ctx.report({
          message: `Unexpected Recent Work entry ${date} after ${previous}, expected newest first`,
          start: entry.date.position.start.offset,
          end: entry.date.position.end.offset,
          actual: date,
        });
      }
      previous = date;
    }
  },
});
