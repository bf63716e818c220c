import { defineRule } from './define.js';
import { readDollars } from '../model/parse.js';
import { isPlaceholder } from './placeholders.js';

import { billingJobStatuses, formatRate } from '../core/billing.js';

export default defineRule({
  id: 'cost/burn-rate',
  description: "The hourly burn-rate line is not the sum of the costs of the jobs that bill (every status but offline, destroyed, failed and done). Fix: write the sum.",
  severity: 'warning',
  appliesTo: ['tracker'],
  fixable: true,
  check(ctx) {
    const model = ctx.doc.model;
    if (model.kind !== 'tracker' || !model.cost.burnRate || !model.jobs) return;
    const burn = model.cost.burnRate;
    if (isPlaceholder(burn.value) || burn.amount === null) return;
    let sum = 0;
    for (const row of model.jobs.rows) {
      if (!row.status || !billingJobStatuses.has(row.status)) continue;
      const cost = row.cells.cost;
      if (!cost || isPlaceholder(cost.source)) return; // cannot know the sum
      const dollars = readDollars(cost.text);
      if (dollars === null) return;
      sum += dollars;
    }
    if (Math.abs(sum - burn.amount) < 0.005) return;
    const m = /\$\s*\d+(?:\.\d+)?(?:\s*\/\s*(?:hr|h|hour))?/.exec(burn.value)!;
    const start = burn.position.start.offset + m.index;
    ctx.report({
      message: `Unexpected burn rate ${m[0]}, expected ${formatRate(sum)}: the sum of the billing jobs' costs`,
      start,
      end: start + m[0].length,
      actual: m[0],
      expected: formatRate(sum),
      fix: [{ start, end: start + m[0].length, text: formatRate(sum) }],
    });
  },
});
