import { defineRule } from './define.js';
import { isPlaceholder } from '../core/placeholders.js';

/** `Step 2 - Remote baselines` → `step 2`; a name without a number folds to its words. */
export function stepId(name: string): string {
  const m = /^\s*step\s*[-#]?\s*(\d+[a-z]?)\b/i.exec(name);
  return m ? `step ${m[1]!.toLowerCase()}` : name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export default defineRule({
  id: 'focus/unknown-step',
  description: 'Current Focus names an Active Step that the Step Status table does not list, or that is not in progress there.',
  severity: 'warning',
  appliesTo: ['tracker'],
  fixable: false,
  code: 'Reads the Current Focus lines outside code.',
  check(ctx) {
    const model = ctx.doc.model;
    if (model.kind !== 'tracker' || !model.focus.activeStep || !model.steps) return;
    const active = model.focus.activeStep;
    if (isPlaceholder(active.value) || !active.value.trim()) return;
    const id = stepId(active.value);
    const row = model.steps.rows.find((r) => r.key && stepId(r.key) === id);
    const at = { start: active.position.start.offset, end: active.position.end.offset, actual: active.value };
    if (!row) {
      ctx.report({ ...at, message: `Unexpected Active Step \`${active.value}\`: the Step Status table has no ${id}` });
    } else if (row.status && row.status !== 'in-progress') {
      ctx.report({ ...at, message: `Unexpected Active Step \`${active.value}\`: ${row.key} is ${row.status} in the Step Status table, expected in-progress`, expected: 'in-progress' });
    }
  },
});
