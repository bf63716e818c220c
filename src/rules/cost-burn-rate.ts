import { defineRule } from './define.js';
import { readDollars } from '../model/parse.js';
import { isPlaceholder } from '../core/placeholders.js';
import { billingJobStatuses, burnRateOf, formatRate } from '../core/burn-rate.js';

export default defineRule({
  id: 'cost/burn-rate',
  description: "The hourly burn-rate line is not the burn rate of the Active Remote Jobs table: the sum of the costs of the jobs that bill (every status but offline, destroyed, failed and done; see docs/sync.md, \"The burn rate\"). Fix: write the sum. In `docs check` with live vastai data, vastai decides and the finding says to run `docs sync`.",
  severity: 'warning',
  appliesTo: ['tracker'],
  fixable: true,
  code: 'Reads the burn-rate line of the cost-tracking block and the Est. Cost cells; neither is ever in code.',
  check(ctx) {
    const model = ctx.doc.model;
    if (model.kind !== 'tracker' || !model.cost.burnRate || !model.jobs) return;
    const burn = model.cost.burnRate;
    if (isPlaceholder(burn.value) || burn.amount === null) return;
    const jobs: { status: string; dollarsPerHour: number }[] = [];
    for (const row of model.jobs.rows) {
      if (!row.status || !billingJobStatuses.has(row.status)) continue;
      const cost = row.cells.cost;
      if (!cost || isPlaceholder(cost.source)) return; // cannot know the sum
      const dollars = readDollars(cost.text);
      if (dollars === null) return;
      jobs.push({ status: row.status, dollarsPerHour: dollars });
    }
    const sum = burnRateOf(jobs);
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
