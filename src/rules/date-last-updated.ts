import { defineRule } from './define.js';
import { isIsoDate } from './cell-format.js';

export default defineRule({
  id: 'date/last-updated',
  description: 'The Last updated date is in the future or older than the newest Recent Work entry. Fix: set it to the newest entry.',
  severity: 'warning',
  appliesTo: ['tracker'],
  fixable: true,
  code: "Reads the document's own Last updated line (title block or front matter), never code.",
  check(ctx) {
    const model = ctx.doc.model;
    if (model.kind !== 'tracker' || !model.lastUpdated || !isIsoDate(model.lastUpdated.value)) return;
    const { value, position } = model.lastUpdated;
    const start = position.start.offset;
    const end = position.end.offset;
    if (value > ctx.today) {
      ctx.report({ message: `Unexpected Last updated date ${value} in the future, expected ${ctx.today} or earlier`, start, end, actual: value, expected: ctx.today });
      return;
    }
    const newest = model.recentWork.map((e) => e.date.value).filter(isIsoDate).sort().pop();
    if (newest && value < newest) {
      ctx.report({
        message: `Unexpected Last updated date ${value}, older than the newest Recent Work entry ${newest}`,
        start,
        end,
        actual: value,
        expected: newest,
        fix: [{ start, end, text: newest }],
      });
    }
  },
});
